import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdapter } from '@socket.io/redis-adapter'
import { Server, type Socket } from 'socket.io'
import { type RelayConfig, relayConfigDefaults } from '../config/relayConfig.js'
import { RelayError } from '../errors/RelayError.js'
import { clientAddressOf } from '../limits/clientAddress.js'
import { RelayQuotas } from '../limits/RelayQuotas.js'
import { createRefusalLog } from '../limits/refusalLog.js'
import { createSampledRss } from '../limits/sampledRss.js'
import { KeyedRateLimiter } from '../limits/TokenBucket.js'
import { createLogger, type Logger } from '../logging/logger.js'
import type { ChannelStore, StorePolicy } from '../store/ChannelStore.js'
import { MemoryChannelStore } from '../store/MemoryChannelStore.js'
import { RedisChannelStore } from '../store/RedisChannelStore.js'
import { createChannelHandlers } from './channelHandlers.js'
import { connectRedis, type RelayRedis, withHandledRejections } from './connectRedis.js'
import { type RelayClock, systemRelayClock } from './relayClock.js'
import { type RelayHealth, readRelayHealth } from './relayHealth.js'
import { shutdownRelay } from './shutdownRelay.js'

export type { RelayHealth } from './relayHealth.js'

export type StartRelayOptions = Partial<RelayConfig> & {
  /** Where log lines go; by default a JSON-lines logger at `logLevel` on stdout/stderr. */
  logger?: Logger
  /** The time, the sweep's interval and the shutdown deadline; by default the system clock (tests pass one they advance). */
  clock?: RelayClock
}

export type RelayHandle = {
  /** Base URL for socket.io clients, e.g. `http://127.0.0.1:8787`. */
  url: string
  port: number
  config: RelayConfig
  /** Graceful shutdown: refuse new connections, close sockets, then Redis. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts a relay node: socket.io on an HTTP server, in memory or (with `redisUrl`) sharing state
 * with other nodes through Redis.
 *
 * @example
 * const relay = await startRelay({ port: 0 })
 * const socket = io(relay.url)
 * // ...
 * await relay.close()
 */
export async function startRelay(options: StartRelayOptions = {}): Promise<RelayHandle> {
  const { logger, clock = systemRelayClock, ...overrides } = options
  const config: RelayConfig = { ...relayConfigDefaults, ...stripUndefined(overrides) }
  const log = logger ?? createLogger({ level: config.logLevel })
  const startedAt = clock.now()
  const policy: StorePolicy = {
    queueMaxFrames: config.queueMaxFrames,
    queueMaxBytes: config.queueMaxBytes,
    queueTtlMs: config.queueTtlMs,
    halfOpenTtlMs: config.halfOpenTtlMs,
    idleTtlMs: config.idleTtlMs,
  }

  let redis: RelayRedis | null = null
  let store: ChannelStore
  if (config.redisUrl) {
    redis = await connectRedis(config.redisUrl)
    store = new RedisChannelStore(redis.commands, policy, config.redisKeyPrefix)
  } else {
    store = new MemoryChannelStore(policy)
  }

  let closing = false
  const ipConnections = new KeyedRateLimiter(config.ipConnectionsRate)
  const quotas = new RelayQuotas(config, {
    rss: createSampledRss(100),
    queuedBytes: () => store.queuedBytes(),
  })
  const connectionRefusals = createRefusalLog(log, () => clock.now())
  const clientIp = (address: string | undefined, forwardedFor: string | string[] | undefined) =>
    clientAddressOf({
      remoteAddress: address,
      forwardedFor,
      trustProxy: config.trustProxy,
      trustedProxyHops: config.trustedProxyHops,
    })

  let handlers: ReturnType<typeof createChannelHandlers> | null = null
  const httpServer = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/health') {
      void health().then((report) => {
        response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
        response.end(JSON.stringify(report))
      })
      return
    }
    // socket.io answers its own path before this listener; everything else is unknown.
    response.writeHead(404, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ error: 'not_found' }))
  })

  const io = new Server(httpServer, {
    serveClient: false,
    cors: { origin: config.corsOrigin },
    // Binary travels base64-encoded over HTTP long-polling (4/3 larger); the margin leaves room for
    // the JSON part, so a frame just over the limit gets a clean `frame_too_large` while anything
    // much larger is cut by the transport before it is buffered.
    maxHttpBufferSize: Math.ceil(config.maxFrameBytes / 3) * 4 + 16_384,
    allowRequest: (request, callback) => {
      if (closing) return callback('closing', false)
      const ip = clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'])
      if (!ipConnections.take(ip, clock.now())) {
        connectionRefusals.refused('rate_limited', 'connection', ip)
        return callback('rate_limited', false)
      }
      const refusal = quotas.admitSocket(ip)
      if (!refusal) return callback(null, true)
      connectionRefusals.refused('quota_exceeded', refusal.scope, ip)
      callback('quota_exceeded', false)
    },
  })
  // Sockets count from the engine.io connection, so one that never joins a namespace counts too.
  io.engine.on(
    'connection',
    (raw: { request: IncomingMessage; once(event: 'close', listener: () => void): void; close(): void }) => {
      const ip = clientIp(raw.request.socket.remoteAddress, raw.request.headers['x-forwarded-for'])
      // Handshakes admitted together may overshoot the cap: the late ones are closed here.
      if (quotas.admitSocket(ip)) return raw.close()
      quotas.socketOpened(ip)
      raw.once('close', () => quotas.socketClosed(ip))
    },
  )
  if (redis) {
    const pub = withHandledRejections(redis.commands)
    const sub = withHandledRejections(redis.subscriber)
    io.adapter(createAdapter(pub, sub, { key: `${config.redisKeyPrefix}-socket.io` }))
  }

  handlers = createChannelHandlers({
    io,
    store,
    config,
    log,
    ipOf: (socket: Socket) => clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for']),
    quotas,
    now: () => clock.now(),
  })
  const channelHandlers = handlers
  io.on('connection', (socket) => channelHandlers.onConnection(socket))

  const health = (): Promise<RelayHealth> =>
    readRelayHealth({
      store,
      closing: () => closing,
      uptimeMs: () => clock.now() - startedAt,
      sockets: () => io.of('/').sockets.size,
      localChannels: () => channelHandlers.localChannelCount(),
      usage: () => quotas.usageReport(),
      limiterAddresses: () => ipConnections.size,
    })

  const sweepIntervalMs =
    config.sweepIntervalMs > 0
      ? config.sweepIntervalMs
      : Math.min(5_000, Math.max(20, Math.floor(Math.min(config.halfOpenTtlMs, config.idleTtlMs) / 10)))
  // The sweep's promise goes back to the clock: a test clock waits for it before the next timer.
  const stopSweeper = clock.every(sweepIntervalMs, () => {
    ipConnections.prune(clock.now())
    return channelHandlers.sweep()
  })

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject)
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    stopSweeper()
    await io.close().catch(() => {})
    redis?.commands.disconnect()
    redis?.subscriber.disconnect()
    throw new RelayError(`Cannot listen on ${config.host}:${config.port}.`, {
      details: 'Pick another port (PORT / --port, 0 for any free port) or stop the process that uses it.',
      cause: error,
    })
  }
  const port = (httpServer.address() as AddressInfo).port
  const url = `http://${urlHost(config.host)}:${port}`
  log.info('relay_started', { url, store: store.kind, maxFrameBytes: config.maxFrameBytes })

  let closed: Promise<void> | null = null
  const close = () => {
    closed ??= (async () => {
      closing = true
      stopSweeper()
      await shutdownRelay({
        io,
        httpServer,
        settleHandlers: () => channelHandlers.settle(),
        store,
        redis,
        clock,
        shutdownTimeoutMs: config.shutdownTimeoutMs,
      })
      log.info('relay_stopped', { uptime: Math.round((clock.now() - startedAt) / 1000) })
    })()
    return closed
  }

  return { url, port, config, close }
}

const urlHost = (host: string) => {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

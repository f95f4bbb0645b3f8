import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdapter } from '@socket.io/redis-adapter'
import { Redis } from 'ioredis'
import { Server, type Socket } from 'socket.io'
import { type RelayConfig, relayConfigDefaults } from '../config/relayConfig.js'
import { RelayError } from '../errors/RelayError.js'
import { clientAddressOf } from '../limits/clientAddress.js'
import { type QuotaUsage, RelayQuotas } from '../limits/RelayQuotas.js'
import { createRefusalLog } from '../limits/refusalLog.js'
import { createSampledRss } from '../limits/sampledRss.js'
import { KeyedRateLimiter } from '../limits/TokenBucket.js'
import { createLogger, type Logger } from '../logging/logger.js'
import type { ChannelStore, StorePolicy } from '../store/ChannelStore.js'
import { MemoryChannelStore } from '../store/MemoryChannelStore.js'
import { RedisChannelStore } from '../store/RedisChannelStore.js'
import { createChannelHandlers } from './channelHandlers.js'
import { type RelayClock, systemRelayClock } from './relayClock.js'

export type StartRelayOptions = Partial<RelayConfig> & {
  /** Where log lines go; by default a JSON-lines logger at `logLevel` on stdout/stderr. */
  logger?: Logger
  /** The time and the sweep's interval; by default the system clock (tests pass one they advance). */
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

/** Health report served at `GET /health` (this node only). */
export type RelayHealth = {
  status: 'ok' | 'degraded' | 'closing'
  /** Seconds since start. */
  uptime: number
  /** Connected sockets on this node. */
  sockets: number
  /** Channels with a member socket on this node. */
  channels: number
  /** Channels in the store (all nodes in Redis mode). */
  storedChannels: number | null
  store: 'memory' | 'redis'
  /** What the quotas count (limits/RelayQuotas.ts): sockets, channels, addresses, queued bytes, RSS. */
  usage: QuotaUsage
  /** Addresses the connection rate limiter remembers (pruned by the sweep once their bucket refilled). */
  limiterAddresses: number
}

/** Redis connection and commands give up after this long instead of hanging a handler. */
const redisTimeoutMs = 5_000

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

  let redis: { commands: Redis; subscriber: Redis } | null = null
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

  const health = async (): Promise<RelayHealth> => {
    let storedChannels: number | null = null
    try {
      storedChannels = await store.countChannels()
    } catch {
      // Reported through `status` below.
    }
    return {
      status: closing ? 'closing' : store.healthy() ? 'ok' : 'degraded',
      uptime: Math.round((clock.now() - startedAt) / 1000),
      sockets: io.of('/').sockets.size,
      channels: channelHandlers.localChannelCount(),
      storedChannels,
      store: store.kind,
      usage: quotas.usageReport(),
      limiterAddresses: ipConnections.size,
    }
  }

  const sweepIntervalMs =
    config.sweepIntervalMs > 0
      ? config.sweepIntervalMs
      : Math.min(5_000, Math.max(20, Math.floor(Math.min(config.halfOpenTtlMs, config.idleTtlMs) / 10)))
  const stopSweeper = clock.every(sweepIntervalMs, () => {
    ipConnections.prune(clock.now())
    void channelHandlers.sweep()
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
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref())
      // Disconnect our sockets first so that their peers (maybe on other nodes) hear `peer` absent.
      io.local.disconnectSockets(true)
      await Promise.race([channelHandlers.settle(), deadline])
      const ioClosed = io.close().catch(() => {})
      httpServer.closeAllConnections()
      await Promise.race([ioClosed, deadline])
      await store.close()
      if (redis) {
        await Promise.race([Promise.allSettled([redis.commands.quit(), redis.subscriber.quit()]), deadline])
        redis.commands.disconnect()
        redis.subscriber.disconnect()
      }
      log.info('relay_stopped', { uptime: Math.round((clock.now() - startedAt) / 1000) })
    })()
    return closed
  }

  return { url, port, config, close }
}

async function connectRedis(url: string): Promise<{ commands: Redis; subscriber: Redis }> {
  const options = {
    lazyConnect: true,
    maxRetriesPerRequest: 2,
    connectTimeout: redisTimeoutMs,
    commandTimeout: redisTimeoutMs,
  }
  const commands = new Redis(url, options)
  const subscriber = new Redis(url, { ...options, commandTimeout: undefined })
  // ioredis reconnects by itself; without a listener an `error` event would crash the process.
  commands.on('error', () => {})
  subscriber.on('error', () => {})
  try {
    await Promise.all([commands.connect(), subscriber.connect()])
  } catch (error) {
    commands.disconnect()
    subscriber.disconnect()
    throw new RelayError('Cannot connect to Redis.', {
      details: `Check REDIS_URL (${redactUrl(url)}) and that Redis is running.`,
      cause: error,
    })
  }
  return { commands, subscriber }
}

/**
 * The Redis adapter calls `publish`, `subscribe` and `unsubscribe` without handling their
 * promises: with Redis down each would be an unhandled rejection, which ends a Node process. This
 * view of the client marks every returned promise as handled (callers that await still see the
 * error).
 */
function withHandledRejections(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        const result = value.apply(target, args)
        if (result instanceof Promise) result.catch(() => {})
        return result
      }
    },
  })
}

/** A Redis URL without its password, for messages. */
const redactUrl = (url: string) => {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(unparsable URL)'
  }
}

const urlHost = (host: string) => {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

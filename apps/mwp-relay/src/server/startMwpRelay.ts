import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import { MwpRelayConfigError } from '../errors/MwpRelayError.js'
import { RelayHub, type RelayHubLimits } from '../hub/relayHub.js'
import { disconnectCodes } from '../protocol/centrifugoCodes.js'

/** Options of {@link startMwpRelay}; every one has a bounded default. */
export type StartMwpRelayOptions = {
  /** TCP port; 0 (default) picks a free one. */
  port?: number
  /** Interface to listen on. Default `127.0.0.1`: this relay is for development and tests. */
  host?: string
  /** Publications kept per channel. Default 20 (MetaMask's relay keeps 5–20). */
  historySize?: number
  /** How long a publication stays in history, ms. Default 300 000 (MetaMask's relay: 300 s). */
  historyTtlMs?: number
  /** Largest publication `data`, in UTF-8 bytes of its JSON. Default 64 KiB. */
  maxPublicationBytes?: number
  /** Largest WebSocket frame; a bigger one closes the socket (1009). Default `maxPublicationBytes` + 4 KiB. */
  maxFrameBytes?: number
  maxConnections?: number
  maxChannels?: number
  maxSubscriptionsPerConnection?: number
  maxChannelLength?: number
  maxCommandsPerFrame?: number
  /** Server ping interval, seconds (clients drop a relay that stays silent longer). Default 25. */
  pingIntervalSeconds?: number
  /** How long a socket may stay open without a `connect` command, ms. Default 10 000. */
  connectTimeoutMs?: number
  /** Bytes queued to a socket that does not read; over it the socket is closed (3008 `slow`). Default 4 MiB. */
  maxBufferedBytes?: number
}

/** A running relay. */
export type MwpRelay = {
  /** `ws://127.0.0.1:PORT/connection/websocket`, the URL to give a `centrifuge` client. */
  url: string
  port: number
  /** Closes every socket (code 3001 `shutdown`, so clients reconnect) and the server. */
  close(): Promise<void>
}

/** The path Centrifugo serves its WebSocket transport on. */
export const websocketPath = '/connection/websocket'

/**
 * Starts a Centrifugo-compatible relay (JSON protocol over WebSocket): a local stand-in for
 * MetaMask's hosted Mobile Wallet Protocol relay, for development and tests only.
 *
 * @example
 * const relay = await startMwpRelay()
 * const client = new Centrifuge(relay.url, { websocket: WebSocket })
 * await relay.close()
 */
export async function startMwpRelay(options: StartMwpRelayOptions = {}): Promise<MwpRelay> {
  const limits = resolveLimits(options)
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new MwpRelayConfigError(`port is ${port}; it must be an integer from 0 to 65535`)
  }
  const connectTimeoutMs = positive(options.connectTimeoutMs ?? 10_000, 'connectTimeoutMs')
  const maxPublicationBytes = limits.maxPublicationBytes
  const maxFrameBytes = positive(options.maxFrameBytes ?? maxPublicationBytes + 4_096, 'maxFrameBytes')
  const maxBufferedBytes = positive(options.maxBufferedBytes ?? 4 * 1_048_576, 'maxBufferedBytes')
  const hub = new RelayHub(limits, {
    now: Date.now,
    newClientId: randomUUID,
    newEpoch: () => randomBytes(6).toString('hex'),
  })
  const server = new WebSocketServer({
    host: options.host ?? '127.0.0.1',
    port,
    path: websocketPath,
    maxPayload: maxFrameBytes,
    perMessageDeflate: false,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const sockets = new Map<number, WebSocket>()

  const apply = (effects: ReturnType<RelayHub['handleFrame']>) => {
    for (const effect of effects) {
      const socket = sockets.get(effect.connectionId)
      if (!socket || socket.readyState !== WebSocket.OPEN) continue
      if (effect.kind === 'close') {
        socket.close(effect.code, effect.reason)
      } else if (socket.bufferedAmount > maxBufferedBytes) {
        // A client that stopped reading would make the relay hold every publication for it.
        socket.close(disconnectCodes.slow.code, disconnectCodes.slow.reason)
        socket.terminate()
      } else {
        socket.send(JSON.stringify(effect.message))
      }
    }
  }

  server.on('connection', (socket) => {
    const connectionId = hub.openConnection()
    if (connectionId === null) {
      socket.close(disconnectCodes.connectionLimit.code, disconnectCodes.connectionLimit.reason)
      return
    }
    sockets.set(connectionId, socket)
    let answeredPing = true
    const connectTimer = setTimeout(() => {
      if (!hub.isConnected(connectionId)) socket.close(disconnectCodes.noPong.code, 'connect timeout')
    }, connectTimeoutMs)
    // Centrifugo's server ping: an empty object; a client that did not answer the last one is gone.
    const pingTimer = setInterval(() => {
      if (!hub.isConnected(connectionId)) return
      if (!answeredPing) {
        socket.close(disconnectCodes.noPong.code, disconnectCodes.noPong.reason)
        return
      }
      answeredPing = false
      socket.send('{}')
    }, limits.pingIntervalSeconds * 1_000)
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(disconnectCodes.badRequest.code, disconnectCodes.badRequest.reason)
        return
      }
      const frame = data.toString()
      if (frame.trim() === '{}') answeredPing = true
      apply(hub.handleFrame(connectionId, frame))
    })
    // A socket error (e.g. a frame over maxPayload) is followed by 'close'; nothing to crash on.
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(connectTimer)
      clearInterval(pingTimer)
      sockets.delete(connectionId)
      hub.closeConnection(connectionId)
    })
  })
  // Expired history goes even from channels nobody touches any more.
  const sweepTimer = setInterval(() => hub.sweep(), Math.min(limits.historyTtlMs, 60_000))
  sweepTimer.unref()

  const boundPort = (server.address() as AddressInfo).port
  let closing: Promise<void> | undefined
  return {
    url: `ws://127.0.0.1:${boundPort}${websocketPath}`,
    port: boundPort,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(sweepTimer)
        for (const socket of sockets.values()) {
          socket.close(disconnectCodes.shutdown.code, disconnectCodes.shutdown.reason)
        }
        // Sockets that do not finish the closing handshake in time are cut.
        const force = setTimeout(() => {
          for (const socket of sockets.values()) socket.terminate()
        }, 1_000)
        server.close(() => {
          clearTimeout(force)
          resolve()
        })
      })
      return closing
    },
  }
}

function resolveLimits(options: StartMwpRelayOptions): RelayHubLimits {
  const historySize = positive(options.historySize ?? 20, 'historySize')
  if (historySize > 1_000) {
    throw new MwpRelayConfigError(
      `historySize is ${historySize}; at most 1000 publications per channel are allowed`,
    )
  }
  return {
    historySize,
    historyTtlMs: positive(options.historyTtlMs ?? 300_000, 'historyTtlMs'),
    maxPublicationBytes: positive(options.maxPublicationBytes ?? 65_536, 'maxPublicationBytes'),
    maxConnections: positive(options.maxConnections ?? 1_000, 'maxConnections'),
    maxChannels: positive(options.maxChannels ?? 10_000, 'maxChannels'),
    maxSubscriptionsPerConnection: positive(
      options.maxSubscriptionsPerConnection ?? 64,
      'maxSubscriptionsPerConnection',
    ),
    maxChannelLength: positive(options.maxChannelLength ?? 255, 'maxChannelLength'),
    maxCommandsPerFrame: positive(options.maxCommandsPerFrame ?? 100, 'maxCommandsPerFrame'),
    pingIntervalSeconds: positive(options.pingIntervalSeconds ?? 25, 'pingIntervalSeconds'),
  }
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new MwpRelayConfigError(`${name} is ${value}; it must be a positive integer`)
  }
  return value
}

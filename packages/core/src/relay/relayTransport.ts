import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { RelayRequestError } from '../errors/relay.js'

/** Events the relay sends to a client (docs/protocol.md section 3), plus the socket's own connect/disconnect. */
export type RelayTransportEvent =
  | { type: 'connect' }
  | { type: 'disconnect'; reason: string }
  | { type: 'frame'; payload: unknown }
  | { type: 'peer'; payload: unknown }
  | { type: 'closed'; payload: unknown }
  | { type: 'relay_error'; payload: unknown }

export type RelayClientEvent = 'create' | 'join' | 'rekey' | 'send' | 'ack' | 'leave'

/**
 * The session's view of a relay connection. The default is socket.io; tests wrap it to inject, drop,
 * duplicate or reorder what the relay delivers.
 */
export type RelayTransport = {
  readonly connected: boolean
  /** Connects (again). socket.io then reconnects by itself until `close`. */
  open(): void
  /** Drops the connection; `open` may be called again later. */
  close(): void
  /** Emits a client → relay event and resolves with the relay's answer; rejects `RelayRequestError` when offline or after `timeoutMs`. */
  call(event: RelayClientEvent, payload: Record<string, unknown>, timeoutMs: number): Promise<unknown>
  /** Listens to relay events; returns the unsubscribe function. */
  subscribe(listener: (event: RelayTransportEvent) => void): () => void
}

export type SocketIoOptions = Partial<ManagerOptions & SocketOptions>

/** Creates a transport for a relay URL; inject one in session options to wrap or replace socket.io. */
export type RelayTransportFactory = (
  relayUrl: string,
  socketOptions: SocketIoOptions | undefined,
) => RelayTransport

const relayEvents = ['frame', 'peer', 'closed', 'relay_error'] as const

/**
 * The socket.io transport: websocket only (no sticky sessions needed behind a load balancer), reconnection
 * with backoff, and no buffering of events while offline (the session re-sends what matters after it re-joins).
 */
export const createSocketIoTransport: RelayTransportFactory = (relayUrl, socketOptions) => {
  const listeners = new Set<(event: RelayTransportEvent) => void>()
  const dispatch = (event: RelayTransportEvent) => {
    for (const listener of [...listeners]) listener(event)
  }
  let socket: Socket | undefined
  let closed = true
  let manualReconnect: ReturnType<typeof setTimeout> | undefined

  const create = (): Socket => {
    const created = io(relayUrl, {
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 2_000,
      timeout: 5_000,
      autoConnect: false,
      forceNew: true,
      ...socketOptions,
    })
    created.on('connect', () => dispatch({ type: 'connect' }))
    created.on('disconnect', (reason) => {
      dispatch({ type: 'disconnect', reason })
      // socket.io does not reconnect after a server-side disconnect; the session still wants the relay.
      if (reason === 'io server disconnect' && !closed) {
        clearTimeout(manualReconnect)
        manualReconnect = setTimeout(() => {
          if (!closed) created.connect()
        }, 1_000)
      }
    })
    for (const name of relayEvents) created.on(name, (payload: unknown) => dispatch({ type: name, payload }))
    return created
  }

  return {
    get connected() {
      return socket?.connected === true
    },
    open() {
      closed = false
      socket ??= create()
      if (!socket.connected) socket.connect()
    },
    close() {
      closed = true
      clearTimeout(manualReconnect)
      socket?.disconnect()
    },
    call(event, payload, timeoutMs) {
      const current = socket
      if (!current?.connected)
        return Promise.reject(
          new RelayRequestError(`Cannot send "${event}": not connected to the relay.`, 'offline'),
        )
      return new Promise((resolve, reject) => {
        current.timeout(timeoutMs).emit(event, payload, (error: unknown, answer: unknown) => {
          if (error)
            reject(
              new RelayRequestError(`The relay did not answer "${event}" within ${timeoutMs} ms.`, 'timeout'),
            )
          else resolve(answer)
        })
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

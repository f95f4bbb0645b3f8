import { CentrifugoError } from '../errors/metamask.js'
import { realTime, type TimeProvider } from './timers.js'

// A minimal client of Centrifugo's JSON protocol (v2), the part MWP uses: connect, subscribe with
// recovery (positioned, recoverable), history, publish, unsubscribe, and the server's ping ({} answered
// with {}). It replaces the `centrifuge` package (23 KiB gzip) with about 2 KiB; see BENCHMARKS.md.

/** The WebSocket constructor: the browser's by default; in Node 20, pass `ws`. */
export type WebSocketConstructor = new (url: string) => WebSocket

/** A publication as the relay delivers it: `data` is the JSON value published (MWP: an envelope string). */
export type CentrifugoPublication = { channel: string; data: unknown; offset?: number | undefined }

/** The connection state, reported to `onStateChange`. */
export type CentrifugoState = 'disconnected' | 'connecting' | 'connected'

/** Parameters of {@link createCentrifugoClient}. */
export type CentrifugoClientParameters = {
  url: string
  WebSocket?: WebSocketConstructor | undefined
  time?: TimeProvider | undefined
  onPublication(publication: CentrifugoPublication): void
  onStateChange?: ((state: CentrifugoState) => void) | undefined
  /** A command without a reply after this long fails (default 10 s). */
  commandTimeoutMs?: number | undefined
  /** Reconnect delays grow from this (default 200 ms) up to 10 s. */
  reconnectDelayMs?: number | undefined
}

/** The client: resubscribes (recovering missed publications) after every reconnect. */
export type CentrifugoClient = {
  connect(): Promise<void>
  subscribe(channel: string): Promise<void>
  unsubscribe(channel: string): void
  publish(channel: string, data: unknown): Promise<void>
  /** Closes the socket for good; pending commands fail. */
  close(): void
  /** Drops the socket and reconnects (a wallet back from the background, a test of the relay dropping). */
  reconnect(): void
  readonly state: CentrifugoState
}

type Reply = Record<string, unknown> & { id?: number; error?: { code: number; message?: string } }
type Position = { offset: number; epoch: string } | undefined

/**
 * Opens (lazily, on `connect`) a Centrifugo connection.
 *
 * @example
 * const client = createCentrifugoClient({ url: 'ws://127.0.0.1:8000/connection/websocket', onPublication })
 * await client.connect(); await client.subscribe('handshake:…')
 */
export function createCentrifugoClient(parameters: CentrifugoClientParameters): CentrifugoClient {
  const {
    url,
    onPublication,
    time = realTime,
    commandTimeoutMs = 10_000,
    reconnectDelayMs = 200,
  } = parameters
  const WebSocketClass = parameters.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined)
  const subscriptions = new Map<string, Position>()
  const pending = new Map<
    number,
    { resolve(reply: Reply): void; reject(error: Error): void; timer: unknown }
  >()
  let socket: WebSocket | undefined
  let state: CentrifugoState = 'disconnected'
  let closed = false
  let nextId = 1
  let attempts = 0
  let reconnectTimer: unknown
  let pingTimer: unknown
  let connected: Promise<void> | undefined
  let answerPings = false

  function setState(next: CentrifugoState) {
    if (state === next) return
    state = next
    parameters.onStateChange?.(next)
  }

  function send(command: Record<string, unknown>): Promise<Reply> {
    const current = socket
    if (current?.readyState !== 1) return Promise.reject(new CentrifugoError('The relay is not connected.'))
    const id = nextId++
    return new Promise((resolve, reject) => {
      const timer = time.setTimeout(() => {
        pending.delete(id)
        reject(new CentrifugoError(`The relay did not answer within ${commandTimeoutMs} ms.`))
      }, commandTimeoutMs)
      pending.set(id, { resolve, reject, timer })
      current.send(JSON.stringify({ id, ...command }))
    })
  }

  function failPending(error: Error) {
    for (const [id, call] of pending) {
      time.clearTimeout(call.timer)
      pending.delete(id)
      call.reject(error)
    }
  }

  function handleFrame(text: string) {
    // The server batches replies, one JSON object a line.
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      let reply: Reply
      try {
        reply = JSON.parse(line) as Reply
      } catch {
        continue
      }
      if (typeof reply !== 'object' || reply === null) continue
      if (typeof reply.id === 'number' && reply.id > 0) {
        const call = pending.get(reply.id)
        if (!call) continue
        pending.delete(reply.id)
        time.clearTimeout(call.timer)
        if (reply.error)
          call.reject(
            new CentrifugoError(`The relay refused a command: ${reply.error.message ?? ''}`, {
              code: reply.error.code,
            }),
          )
        else call.resolve(reply)
        continue
      }
      const push = reply.push as { channel?: string; pub?: { data: unknown; offset?: number } } | undefined
      if (!push) {
        armPingTimer()
        if (answerPings) socket?.send('{}')
        continue
      }
      if (push.channel && push.pub && subscriptions.has(push.channel)) deliver(push.channel, push.pub)
    }
  }

  function deliver(channel: string, pub: { data: unknown; offset?: number }) {
    const position = subscriptions.get(channel)
    if (position && typeof pub.offset === 'number' && pub.offset > position.offset)
      position.offset = pub.offset
    onPublication({ channel, data: pub.data, offset: pub.offset })
  }

  let pingIntervalMs = 0
  function armPingTimer() {
    time.clearTimeout(pingTimer)
    // No ping within the interval plus a grace period: the socket is dead even if it looks open.
    if (pingIntervalMs > 0) pingTimer = time.setTimeout(() => dropSocket(), pingIntervalMs * 1000 + 10_000)
  }

  function open(): Promise<void> {
    if (!WebSocketClass)
      return Promise.reject(
        new CentrifugoError('No WebSocket implementation; pass `WebSocket` (e.g. from ws).'),
      )
    setState('connecting')
    const current = new WebSocketClass(url)
    socket = current
    return new Promise<void>((resolve, reject) => {
      current.onopen = () => {
        send({ connect: { name: 'dapplink' } }).then(async (reply) => {
          const result = (reply.connect ?? {}) as { ping?: number; pong?: boolean }
          pingIntervalMs = typeof result.ping === 'number' ? result.ping : 0
          answerPings = result.pong === true
          armPingTimer()
          attempts = 0
          setState('connected')
          resolve()
          for (const channel of subscriptions.keys()) void resubscribe(channel).catch(() => {})
        }, reject)
      }
      current.onmessage = (event) => {
        if (typeof event.data === 'string') handleFrame(event.data)
      }
      current.onerror = () => {}
      current.onclose = () => {
        if (socket !== current) return
        socket = undefined
        time.clearTimeout(pingTimer)
        failPending(new CentrifugoError('The relay connection closed.'))
        reject(new CentrifugoError(`Could not connect to the relay at ${url}.`))
        scheduleReconnect()
      }
    })
  }

  function scheduleReconnect() {
    if (closed) return setState('disconnected')
    setState('connecting')
    const delay = Math.min(10_000, reconnectDelayMs * 2 ** attempts)
    attempts++
    time.clearTimeout(reconnectTimer)
    reconnectTimer = time.setTimeout(() => {
      connected = open()
      connected.catch(() => {})
    }, delay)
  }

  function dropSocket() {
    const current = socket
    if (!current) return
    current.close()
    // Some sockets report close late: act now, the onclose guard ignores this socket afterwards.
    socket = undefined
    time.clearTimeout(pingTimer)
    failPending(new CentrifugoError('The relay connection closed.'))
    attempts = 0
    scheduleReconnect()
  }

  async function resubscribe(channel: string) {
    const position = subscriptions.get(channel)
    const reply = await send({
      subscribe: {
        channel,
        recoverable: true,
        positioned: true,
        ...(position ? { recover: true, offset: position.offset, epoch: position.epoch } : {}),
      },
    })
    const result = (reply.subscribe ?? {}) as {
      offset?: number
      epoch?: string
      publications?: { data: unknown; offset?: number }[]
    }
    if (!subscriptions.has(channel)) return
    if (!position && typeof result.epoch === 'string')
      subscriptions.set(channel, { offset: result.offset ?? 0, epoch: result.epoch })
    for (const pub of result.publications ?? []) deliver(channel, pub)
    // Publications made before this first subscribe (or lost past the recovery window) come from history.
    const history = await send({ history: { channel, limit: 50 } }).catch(() => undefined)
    const publications = ((history?.history ?? {}) as { publications?: { data: unknown; offset?: number }[] })
      .publications
    for (const pub of publications ?? []) deliver(channel, pub)
  }

  return {
    get state() {
      return state
    },
    connect() {
      if (closed) return Promise.reject(new CentrifugoError('The relay client is closed.'))
      if (state === 'connected') return Promise.resolve()
      connected ??= open()
      return connected
    },
    async subscribe(channel) {
      if (subscriptions.has(channel)) return
      subscriptions.set(channel, undefined)
      if (state === 'connected') await resubscribe(channel)
    },
    unsubscribe(channel) {
      if (!subscriptions.delete(channel)) return
      void send({ unsubscribe: { channel } }).catch(() => {})
    },
    async publish(channel, data) {
      await send({ publish: { channel, data } })
    },
    reconnect() {
      dropSocket()
    },
    close() {
      closed = true
      time.clearTimeout(reconnectTimer)
      time.clearTimeout(pingTimer)
      const current = socket
      socket = undefined
      failPending(new CentrifugoError('The relay client is closed.'))
      current?.close()
      setState('disconnected')
    },
  }
}

import { createHash, timingSafeEqual } from 'node:crypto'
import type { Server, Socket } from 'socket.io'
import type { RelayConfig } from '../config/relayConfig.js'
import type { QuotaRefusal, RelayQuotas } from '../limits/RelayQuotas.js'
import { reconcileChannels } from '../limits/reconcileChannels.js'
import { createRefusalLog } from '../limits/refusalLog.js'
import { KeyedRateLimiter, TokenBucket } from '../limits/TokenBucket.js'
import type { Logger } from '../logging/logger.js'
import {
  maxFramesPerSend,
  parseAck,
  parseCreate,
  parseJoin,
  parseLeave,
  parseSend,
  type RelayAnswer,
  type RelayErrorCode,
} from '../protocol/relayMessages.js'
import type { ChannelStore } from '../store/ChannelStore.js'
import { createFrameDelivery, type DeliveryCursor } from './frameDelivery.js'

/** Events of one socket waiting for the previous one to finish; more are refused. */
const maxQueuedEvents = 32
/** At most one `relay_error` per socket per this interval (a flood must not be echoed). */
const relayErrorIntervalMs = 1_000

type SocketState = {
  socket: Socket
  ip: string
  events: TokenBucket
  memberships: Map<string, DeliveryCursor>
  chain: Promise<void>
  queued: number
  lastRelayErrorAt: number
}

type Outcome = { answer: RelayAnswer; after?: () => void }

export type ChannelHandlersParameters = {
  io: Server
  store: ChannelStore
  config: RelayConfig
  log: Logger
  /** Client IP of a socket (handshake address, or `X-Forwarded-For` behind a trusted proxy). */
  ipOf: (socket: Socket) => string
  /** Caps on live channels and queued bytes (limits/RelayQuotas.ts). */
  quotas: RelayQuotas
  now?: () => number
}

export type ChannelHandlers = {
  /** Wires a new socket. */
  onConnection(socket: Socket): void
  /** Looks for expired channels and tells their members `closed`. */
  sweep(): Promise<void>
  /** Number of channels with a member socket on this node. */
  localChannelCount(): number
  /** Resolves when every running handler (including disconnect clean-up) is done. */
  settle(): Promise<void>
}

const failure = (code: RelayErrorCode, message: string): Outcome => ({
  answer: { ok: false, error: { code, message } },
})

const sha256Base64Url = (token: string) =>
  createHash('sha256').update(Buffer.from(token, 'base64url')).digest()

/**
 * The relay's event handlers (docs/protocol.md section 3): validation, membership, offline
 * queue delivery, rate limits and expiry, on top of a `ChannelStore`.
 */
export function createChannelHandlers(parameters: ChannelHandlersParameters): ChannelHandlers {
  const { io, store, config, log, ipOf, quotas } = parameters
  const now = parameters.now ?? Date.now
  const refusals = createRefusalLog(log, now)
  const sockets = new Map<string, SocketState>()
  const inflight = new Set<Promise<unknown>>()
  const ipCreates = new KeyedRateLimiter(config.ipCreatesRate)
  const ipJoins = new KeyedRateLimiter(config.ipJoinsRate)

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inflight.add(promise)
    void promise.finally(() => inflight.delete(promise)).catch(() => {})
    return promise
  }

  const emitTo = (socketId: string, event: string, payload: unknown) => {
    io.to(socketId).emit(event, payload)
  }

  const delivery = createFrameDelivery({
    io,
    store,
    log,
    now,
    track: (promise) => void track(promise),
    localTarget: (socketId) => sockets.get(socketId),
  })

  const handlers: Record<string, (state: SocketState, payload: unknown) => Promise<Outcome>> = {
    async create(state, payload) {
      const request = parseCreate(payload)
      if (!request.ok) return failure(request.code, request.message)
      if (!ipCreates.take(state.ip, now())) return rateLimited(state, 'create')
      const { channel, dappTokenHash, walletTokenHash } = request.value
      const refusal = quotas.admitChannel(state.ip, channel)
      if (refusal) return quotaExceeded(state, refusal)
      const result = await store.create(channel, { dappTokenHash, walletTokenHash }, now())
      if (result === 'conflict') {
        return failure(
          'channel_exists',
          'A channel with this id exists with other token hashes; pick a new id.',
        )
      }
      quotas.channelCreated(state.ip, channel)
      log.info('channel_created', { channel, existed: result === 'exists' })
      return { answer: { ok: true } }
    },

    async join(state, payload) {
      const request = parseJoin(payload)
      if (!request.ok) return failure(request.code, request.message)
      if (!ipJoins.take(state.ip, now())) return rateLimited(state, 'join')
      const { channel, role, token } = request.value
      const storedHash = await store.tokenHash(channel, role)
      if (storedHash === null) return unknownChannel()
      if (!timingSafeEqual(Buffer.from(storedHash, 'base64url'), sha256Base64Url(token))) {
        log.info('join_refused', { channel, role, code: 'unauthorized' })
        return failure('unauthorized', `The token does not match this channel's ${role} token.`)
      }
      const { membership, existed } = delivery.beginJoin(state, channel)
      let releaseHold = true
      try {
        // A socket that dropped while its join waited must not take the role from a newer socket.
        if (!state.socket.connected) return failure('not_member', 'The socket disconnected.')
        const claim = await store.claim(channel, role, state.socket.id, storedHash, now())
        if (claim.status !== 'ok') {
          if (claim.status === 'unknown_channel') return unknownChannel()
          if (claim.status === 'unauthorized')
            return failure('unauthorized', 'The channel was re-created meanwhile.')
          return failure(
            'bad_request',
            `This socket already holds the other role of the channel; it cannot be the ${role} too.`,
          )
        }
        if (claim.previous) {
          // The old socket is a stale connection of the same member: it leaves and is told so.
          emitTo(claim.previous, 'closed', { channel, reason: 'closed' })
          sockets.get(claim.previous)?.memberships.delete(channel)
        }
        if (claim.peer) emitTo(claim.peer, 'peer', { channel, role, present: true })
        log.info('channel_joined', { channel, role, replaced: claim.previous !== null })
        releaseHold = false
        return {
          // A client that asks (`batch: true`) learns that this relay takes `send` with `frames` (up to
          // this many) and `ack` (section 3); an older client gets the answer it knows.
          answer: {
            ok: true,
            peer: claim.peer !== null,
            ...((payload as { batch?: unknown }).batch === true ? { batch: maxFramesPerSend } : {}),
          },
          // Replay the whole queue after the answer: the member may have lost frames it never acked.
          after: () => delivery.joined(state, channel, membership),
        }
      } finally {
        if (releaseHold) delivery.refused(state, channel, membership, existed)
      }
    },

    async send(state, payload) {
      const request = parseSend(payload, config.maxFrameBytes)
      if (!request.ok) return failure(request.code, request.message)
      const { channel, frames, ack } = request.value
      const refusal = quotas.admitFrame(frames.reduce((total, frame) => total + frame.length, 0))
      if (refusal) return quotaExceeded(state, refusal)
      // A cumulative acknowledgement riding on the send spares the client an `ack` event.
      if (ack !== undefined) {
        const acked = await store.ack(channel, state.socket.id, ack)
        if (acked === 'unknown_channel') return unknownChannel()
        if (acked === 'not_member') return notMember('send')
      }
      const ids: number[] = []
      let recipientSocket: string | null = null
      for (const frame of frames) {
        const result = await store.enqueue(channel, state.socket.id, frame, now())
        if (result.status !== 'ok') {
          const refused = sendRefusal(result.status)
          // Frames before this one are queued: the client goes on from `accepted`.
          if (ids.length > 0 && !refused.answer.ok) Object.assign(refused.answer, { accepted: ids.length })
          return withWake(refused, recipientSocket, channel)
        }
        ids.push(result.id)
        recipientSocket = result.recipientSocket
        log.debug('frame_queued', { channel, to: result.recipient, id: result.id, bytes: frame.length })
      }
      const answer =
        (payload as { frames?: unknown }).frames === undefined
          ? { ok: true as const, id: ids[0] }
          : { ok: true as const, ids }
      return withWake({ answer }, recipientSocket, channel)
    },

    async ack(state, payload) {
      const request = parseAck(payload)
      if (!request.ok) return failure(request.code, request.message)
      const { channel, id } = request.value
      const result = await store.ack(channel, state.socket.id, id)
      if (result === 'unknown_channel') return unknownChannel()
      if (result === 'not_member') return notMember('ack')
      log.debug('frames_acked', { channel, id })
      return { answer: { ok: true } }
    },

    async leave(state, payload) {
      const request = parseLeave(payload)
      if (!request.ok) return failure(request.code, request.message)
      const { channel, close } = request.value
      const result = close
        ? await store.remove(channel, state.socket.id)
        : await store.release(channel, state.socket.id)
      if (result.status !== 'ok')
        return result.status === 'unknown_channel' ? unknownChannel() : notMember('leave')
      state.memberships.delete(channel)
      if (close) quotas.channelGone(channel)
      if (result.peer) {
        if (close) {
          emitTo(result.peer, 'closed', { channel, reason: 'closed' })
          sockets.get(result.peer)?.memberships.delete(channel)
        } else {
          emitTo(result.peer, 'peer', { channel, role: result.role, present: false })
        }
      }
      log.info('channel_left', { channel, role: result.role, closed: close })
      return { answer: { ok: true } }
    },
  }

  const sendRefusal = (status: 'unknown_channel' | 'not_member' | 'queue_full'): Outcome => {
    if (status === 'unknown_channel') return unknownChannel()
    if (status === 'not_member') return notMember('send')
    return failure(
      'queue_full',
      `The peer's offline queue is full (${config.queueMaxFrames} frames or ${config.queueMaxBytes} bytes); wait for it to catch up.`,
    )
  }
  const withWake = (outcome: Outcome, recipientSocket: string | null, channel: string): Outcome =>
    recipientSocket ? { ...outcome, after: () => delivery.wake(recipientSocket, channel) } : outcome

  const unknownChannel = () =>
    failure(
      'unknown_channel',
      'This channel does not exist (expired, closed, or the relay restarted); create it again.',
    )
  const notMember = (event: string) =>
    failure('not_member', `This socket holds no role in the channel; join it before "${event}".`)

  const rateLimited = (state: SocketState, scope: string): Outcome => {
    refusals.refused('rate_limited', scope, state.ip)
    const message = `Too many ${scope === 'socket' ? 'events' : `"${scope}" events`}; slow down and retry later.`
    sendRelayError(state, 'rate_limited', message)
    return failure('rate_limited', message)
  }

  const quotaExceeded = (state: SocketState, refusal: QuotaRefusal): Outcome => {
    refusals.refused('quota_exceeded', refusal.scope, state.ip)
    sendRelayError(state, 'quota_exceeded', refusal.message)
    return failure('quota_exceeded', refusal.message)
  }

  const sendRelayError = (state: SocketState, code: RelayErrorCode, message: string) => {
    const at = now()
    if (at - state.lastRelayErrorAt < relayErrorIntervalMs) return
    state.lastRelayErrorAt = at
    state.socket.emit('relay_error', { code, message })
  }

  const answer = (ack: (answer: RelayAnswer) => void, outcome: Outcome) => {
    try {
      ack(outcome.answer)
    } catch (error) {
      log.warn('answer_failed', { error: errorName(error) })
    }
    try {
      outcome.after?.()
    } catch (error) {
      log.warn('after_answer_failed', { error: errorName(error) })
    }
  }

  const dispatch = (state: SocketState, event: unknown, args: unknown[]) => {
    const last = args[args.length - 1]
    const ack = typeof last === 'function' ? (last as (answer: RelayAnswer) => void) : null
    const name = typeof event === 'string' ? event.slice(0, 64) : typeof event
    if (!state.events.take(now()) || (ack && state.queued >= maxQueuedEvents)) {
      const outcome = rateLimited(state, 'socket')
      if (ack) answer(ack, outcome)
      return
    }
    if (!ack) {
      log.debug('event_ignored', { event: name, reason: 'no acknowledgement callback' })
      return
    }
    const handler = typeof event === 'string' && Object.hasOwn(handlers, event) ? handlers[event] : undefined
    if (!handler) {
      log.debug('event_refused', { event: name, code: 'bad_request' })
      answer(
        ack,
        failure('bad_request', `Unknown event ${JSON.stringify(name)}; see docs/protocol.md section 3.`),
      )
      return
    }
    // One event at a time per socket: two sends are queued in the order they arrived.
    state.queued++
    state.chain = track(
      state.chain.then(async () => {
        let outcome: Outcome
        try {
          outcome = await handler(state, args[0])
        } catch (error) {
          log.error('event_failed', { event: name, error: errorName(error) })
          outcome = failure('unavailable', 'The relay cannot serve this event right now; retry later.')
        } finally {
          state.queued--
        }
        if (!outcome.answer.ok) log.debug('event_refused', { event: name, code: outcome.answer.error.code })
        // Answering a closed socket is a no-op, but `after` (waking the recipient) must still run.
        answer(ack, outcome)
      }),
    )
  }

  const onDisconnect = async (state: SocketState) => {
    await state.chain
    for (const channel of [...state.memberships.keys()]) {
      try {
        const result = await store.release(channel, state.socket.id)
        if (result.status !== 'ok') continue
        log.info('member_disconnected', { channel, role: result.role })
        if (result.peer) emitTo(result.peer, 'peer', { channel, role: result.role, present: false })
      } catch (error) {
        log.warn('release_failed', { channel, error: errorName(error) })
      }
    }
    state.memberships.clear()
  }

  let sweeping = false
  const sweep = async () => {
    if (sweeping) return
    sweeping = true
    try {
      const at = now()
      ipCreates.prune(at)
      ipJoins.prune(at)
      for (let round = 0; round < 20; round++) {
        const expired = await store.sweep(now(), 500)
        for (const { channel, sockets: members } of expired) {
          for (const socketId of members) {
            emitTo(socketId, 'closed', { channel, reason: 'expired' })
            sockets.get(socketId)?.memberships.delete(channel)
          }
          quotas.channelGone(channel)
          log.info('channel_expired', { channel })
        }
        if (expired.length < 500) break
      }
      await reconcileChannels(quotas, store, 500)
    } catch (error) {
      log.warn('sweep_failed', { error: errorName(error) })
    } finally {
      sweeping = false
    }
  }

  return {
    onConnection(socket) {
      const state: SocketState = {
        socket,
        ip: ipOf(socket),
        events: new TokenBucket(config.socketEventsRate, now()),
        memberships: new Map(),
        chain: Promise.resolve(),
        queued: 0,
        lastRelayErrorAt: Number.NEGATIVE_INFINITY,
      }
      sockets.set(socket.id, state)
      log.debug('socket_connected', { ip: state.ip })
      // A client may emit an event named "error"; without a listener Node's EventEmitter would throw.
      socket.on('error', (error) => log.debug('socket_error', { error: errorName(error) }))
      socket.onAny((event: unknown, ...args: unknown[]) => {
        try {
          dispatch(state, event, args)
        } catch (error) {
          log.error('dispatch_failed', { error: errorName(error) })
        }
      })
      socket.on('disconnect', (reason) => {
        sockets.delete(socket.id)
        log.debug('socket_disconnected', { reason })
        void track(onDisconnect(state))
      })
    },
    sweep: () => track(sweep()),
    localChannelCount() {
      const channels = new Set<string>()
      for (const state of sockets.values())
        for (const channel of state.memberships.keys()) channels.add(channel)
      return channels.size
    },
    async settle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight])
    },
  }
}

const errorName = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : typeof error

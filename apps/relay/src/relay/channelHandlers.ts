import type { Server, Socket } from 'socket.io'
import type { RelayConfig } from '../config/relayConfig.js'
import type { QuotaRefusal, RelayQuotas } from '../limits/RelayQuotas.js'
import { reconcileChannels } from '../limits/reconcileChannels.js'
import { createRefusalLog } from '../limits/refusalLog.js'
import { KeyedRateLimiter, TokenBucket } from '../limits/TokenBucket.js'
import type { Logger } from '../logging/logger.js'
import type { RelayAnswer, RelayErrorCode } from '../protocol/relayMessages.js'
import type { ChannelStore } from '../store/ChannelStore.js'
import { createChannelEventHandlers } from './channelEventHandlers.js'
import { createFrameDelivery } from './frameDelivery.js'
import { errorName, failure, type Outcome, type SocketState } from './socketState.js'

/** Events of one socket waiting for the previous one to finish; more are refused. */
const maxQueuedEvents = 32
/** At most one `relay_error` per socket per this interval (a flood must not be echoed). */
const relayErrorIntervalMs = 1_000

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

  const handlers = createChannelEventHandlers({
    store,
    config,
    log,
    quotas,
    now,
    ipCreates,
    ipJoins,
    delivery,
    sockets,
    emitTo,
    rateLimited,
    quotaExceeded,
  })

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

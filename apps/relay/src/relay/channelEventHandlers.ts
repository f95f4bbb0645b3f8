import { createHash, timingSafeEqual } from 'node:crypto'
import type { RelayConfig } from '../config/relayConfig.js'
import type { QuotaRefusal, RelayQuotas } from '../limits/RelayQuotas.js'
import type { KeyedRateLimiter } from '../limits/TokenBucket.js'
import type { Logger } from '../logging/logger.js'
import {
  maxFramesPerSend,
  parseAck,
  parseCreate,
  parseJoin,
  parseLeave,
  parseRekey,
  parseSend,
} from '../protocol/relayMessages.js'
import type { ChannelStore } from '../store/ChannelStore.js'
import type { FrameDelivery } from './frameDelivery.js'
import { failure, notMember, type Outcome, type SocketState, unknownChannel } from './socketState.js'

/** What the event handlers work with; the socket wiring (channelHandlers.ts) owns it. */
export type ChannelEventContext = {
  store: ChannelStore
  config: RelayConfig
  log: Logger
  quotas: RelayQuotas
  now: () => number
  ipCreates: KeyedRateLimiter
  ipJoins: KeyedRateLimiter
  delivery: FrameDelivery
  sockets: Map<string, SocketState>
  emitTo: (socketId: string, event: string, payload: unknown) => void
  /** Refuses an event over a rate limit (and tells the socket, at most once a second). */
  rateLimited: (state: SocketState, scope: string) => Outcome
  /** Refuses an event over a quota (and tells the socket, at most once a second). */
  quotaExceeded: (state: SocketState, refusal: QuotaRefusal) => Outcome
}

/** A handler of one client event (docs/protocol.md section 3). */
export type ChannelEventHandler = (state: SocketState, payload: unknown) => Promise<Outcome>

const sha256Base64Url = (token: string) =>
  createHash('sha256').update(Buffer.from(token, 'base64url')).digest()

/** Whether a stored `b64u(hash)` equals `presented`, in constant time. */
const matches = (storedHash: string, presented: Buffer) =>
  timingSafeEqual(Buffer.from(storedHash, 'base64url'), presented)

/**
 * The handlers of `create`, `join`, `send`, `ack` and `leave`: validation, membership and queueing on top
 * of the `ChannelStore`. Each runs alone for its socket (channelHandlers.ts chains them).
 */
export function createChannelEventHandlers(
  context: ChannelEventContext,
): Record<string, ChannelEventHandler> {
  const { store, config, log, quotas, now, ipCreates, ipJoins, delivery, sockets, emitTo } = context
  const { rateLimited, quotaExceeded } = context

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

  return {
    async create(state, payload) {
      const request = parseCreate(payload)
      if (!request.ok) return failure(request.code, request.message)
      if (!ipCreates.take(state.ip, now())) return rateLimited(state, 'create')
      const { channel, dappTokenHash, walletTokenHash, walletSessionTokenHash } = request.value
      const refusal = quotas.admitChannel(state.ip, channel)
      if (refusal) return quotaExceeded(state, refusal)
      const result = await store.create(
        channel,
        { dappTokenHash, walletTokenHash, walletSessionTokenHash },
        now(),
      )
      if (result === 'conflict') {
        return failure(
          'channel_exists',
          'A channel with this id exists with other token hashes (or is paired with another wallet session token); pick a new id.',
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
      const hashes = await store.joinHashes(channel, role)
      if (hashes === null) return unknownChannel()
      const presented = sha256Base64Url(token)
      // Both comparisons always run, so the answer's timing does not tell which hash was close.
      const accepted = matches(hashes.accepted, presented)
      const superseded = hashes.superseded !== null && matches(hashes.superseded, presented)
      if (!accepted) {
        const code = superseded ? 'pairing_used' : 'unauthorized'
        log.info('join_refused', { channel, role, code })
        if (!superseded)
          return failure('unauthorized', `The token does not match this channel's ${role} token.`)
        const refused = failure(
          'pairing_used',
          'This channel is paired: the pairing link no longer joins it as the wallet. Only the paired wallet can rejoin, with its session token; ask the dapp for a new QR code.',
        )
        // `peer`: whether the dapp is there (busy with its wallet) or gone; the holder of the link knew that
        // before pairing too (it could join), so this tells it nothing new.
        return { answer: { ...refused.answer, peer: hashes.peerPresent } }
      }
      const storedHash = hashes.accepted
      const { membership, existed } = delivery.beginJoin(state, channel)
      let releaseHold = true
      try {
        // A socket that dropped while its join waited must not take the role from a newer socket.
        if (!state.socket.connected) return failure('not_member', 'The socket disconnected.')
        const claim = await store.claim(channel, role, state.socket.id, storedHash, now())
        if (claim.status !== 'ok') {
          if (claim.status === 'unknown_channel') return unknownChannel()
          if (claim.status === 'unauthorized')
            return failure('unauthorized', 'The channel was re-created or paired meanwhile; join again.')
          return failure(
            'bad_request',
            `This socket already holds the other role of the channel; it cannot be the ${role} too.`,
          )
        }
        if (claim.previous) {
          // The old socket is a stale connection of the same member (it holds the same token): it leaves and
          // is told so. `replaced`, not `closed`: the channel lives on (docs/protocol.md section 3).
          emitTo(claim.previous, 'closed', { channel, reason: 'replaced' })
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

    async rekey(state, payload) {
      const request = parseRekey(payload)
      if (!request.ok) return failure(request.code, request.message)
      const { channel, walletSessionTokenHash } = request.value
      const result = await store.rekey(channel, state.socket.id, walletSessionTokenHash, now())
      if (result === 'unknown_channel') return unknownChannel()
      if (result === 'not_member')
        return failure(
          'not_member',
          'Only the socket that holds the dapp role can pair the channel ("rekey").',
        )
      if (result === 'conflict')
        return failure(
          'unauthorized',
          'This channel is paired with another wallet session token already; it cannot change.',
        )
      log.info('channel_paired', { channel })
      return { answer: { ok: true } }
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
          // What is still queued for the peer (the leaver's `terminate`, typically) goes first, on the same
          // path as `closed`, so it arrives before it; the peer drops what it already had.
          for (const { id, frame } of result.peerQueue ?? [])
            emitTo(result.peer, 'frame', { channel, id, frame })
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
}

import type { Frame } from '../frame.js'
import type { RelayTransport } from '../relayTransport.js'
import type { SecureChannel } from '../secureChannel.js'
import { EarlyFrames } from './earlyFrames.js'
import { RelayedWaiters } from './relayedWaiters.js'
import { RelayQueueAck } from './relayQueueAck.js'
import { nextBatch, type RelaySendResult, refusedFrameError, sendFrames } from './relaySend.js'
import { checkRetransmit, idleRetransmitWatch, type RetransmitWatch } from './retransmitWatch.js'
import { delay, SessionTimer, type SessionTimers } from './timers.js'

/** How long a receiver waits for an outgoing frame to carry its acknowledgement before sealing an ACK. */
export const ackDelayMs = 50
/** A frame the relay keeps refusing (`queue_full`, `rate_limited`...) is tried this many times. */
const maxSendAttempts = 30
/** How long a frame that follows another in a stream waits for company (batch-capable relays only). */
const lingerMs = 1

export type DeliveryParameters = {
  channel: string
  transport: RelayTransport
  timers: SessionTimers
  retryIntervalMs: number
  relayTimeoutMs: number
  report: (error: unknown) => void
  /** Whether this side holds its role in the channel now. */
  isJoined: () => boolean
  /** Whether the session is closing (a lost membership is then not worth a re-join). */
  isClosing: () => boolean
  /** The relay said this socket is no longer a member: re-join. */
  onMembershipLost: () => void
}

/**
 * Delivery of DATA frames over the relay (docs/protocol.md section 5): hands sealed frames to the relay in
 * order, one `send` at a time; re-sends from the first unacknowledged frame after a re-join or a silence;
 * acknowledges received frames (piggybacked on DATA, or an ACK frame after a short quiet period); and
 * releases the relay's queue entries of processed frames. The secure channel does the crypto and keeps the
 * unacknowledged frames; this module moves them.
 */
export class Delivery {
  private secure: SecureChannel | undefined
  /** The highest seq the relay accepted since the last re-join. */
  private relayedUpTo = 0
  private pumping = false
  private lastAckSent = 0
  private retransmitWatch: RetransmitWatch = idleRetransmitWatch
  private readonly relayedWaiters: RelayedWaiters
  private readonly ackTimer: SessionTimer
  private readonly retransmitTimer: SessionTimer
  private stopped = false
  private readonly earlyFrames = new EarlyFrames()
  private outbound: Promise<unknown> = Promise.resolve()
  /** How many frames one `send` may carry; above 1 the relay also takes `ack` on `send`. */
  private maxFramesPerSend = 1
  private readonly relayAck: RelayQueueAck

  constructor(private readonly parameters: DeliveryParameters) {
    this.ackTimer = new SessionTimer(parameters.timers)
    this.retransmitTimer = new SessionTimer(parameters.timers)
    this.relayedWaiters = new RelayedWaiters(parameters.timers)
    this.relayAck = new RelayQueueAck(parameters.timers, (id) => {
      if (!parameters.isJoined()) return
      parameters.transport
        .call('ack', { channel: parameters.channel, id }, parameters.relayTimeoutMs)
        .catch(() => {})
    })
  }

  /** Joined the relay (again), which takes up to `maxFramesPerSend` frames per `send`. */
  joined(maxFramesPerSend: number): void {
    this.maxFramesPerSend = maxFramesPerSend
  }

  /**
   * Left the relay (a drop or a pause): a pending relay acknowledgement is dropped (see `RelayQueueAck`).
   */
  left(): void {
    this.relayAck.clear()
  }

  /** The secure channel once the handshake is done. */
  get channel(): SecureChannel | undefined {
    return this.secure
  }

  /** Starts the DATA phase: frames flow, and the retransmit check runs every two retry intervals. */
  attach(secure: SecureChannel, isPeerReachable: () => boolean): void {
    this.secure = secure
    this.retransmitTimer.repeat(this.parameters.retryIntervalMs * 2, () =>
      this.checkRetransmit(isPeerReachable()),
    )
  }

  /**
   * Seals `plaintext` as the next DATA frame once `ready` resolved (the handshake), in call order, and
   * queues it for the relay. Resolves with its seq; rejects with `ready`'s error, or `SessionOverflowError`.
   */
  seal(plaintext: Uint8Array, ready: Promise<void>, closedError: () => Error): Promise<number> {
    const sealed = this.outbound.then(async () => {
      await ready
      const secure = this.secure
      if (this.stopped || !secure) throw closedError()
      const entry = await secure.seal(plaintext)
      // The frame carries our acknowledgement, so no ACK frame is due for what it covers.
      this.lastAckSent = Math.max(this.lastAckSent, secure.lastReceived)
      void this.pump()
      return entry.seq
    })
    this.outbound = sealed.catch(() => {})
    return sealed
  }

  /**
   * Opens a received DATA or ACK frame: returns the plaintext of a new message, in order, once; undefined
   * for an ACK or a duplicate. A frame that overtook the handshake (a lost DNE) is held, bounded, until
   * `attach`. Throws the secure channel's typed errors.
   */
  async receive(frame: Frame): Promise<Uint8Array | undefined> {
    const secure = this.secure
    if (!secure) {
      this.earlyFrames.hold(frame)
      return undefined
    }
    const result = await secure.open(frame)
    if (result.kind === 'ack') return undefined
    // A duplicate: the peer re-sent it, so it may have missed our acknowledgement.
    this.scheduleAck(result.kind === 'duplicate')
    return result.kind === 'message' ? result.plaintext : undefined
  }

  /** The frames held before the handshake was done, oldest first (once). */
  takeEarlyFrames(): Frame[] {
    return this.earlyFrames.takeAll()
  }

  /** After a (re-)join or the peer's return: the relay may have lost queued frames, so re-send them all. */
  resendUnacked(): void {
    const secure = this.secure
    if (!secure) return
    this.relayedUpTo = (secure.unacked[0]?.seq ?? secure.lastSent + 1) - 1
    void this.pump()
  }

  /**
   * Hands unacknowledged DATA frames to the relay in order, one `send` at a time, so the relay queue keeps
   * the order. Frames sealed while a `send` is on its way go together in the next one (up to the relay's
   * batch size), so a burst of answers costs a few relay events, not one each.
   */
  async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    const { retryIntervalMs, timers } = this.parameters
    try {
      for (let attempt = 0, sent = 0; this.parameters.isJoined() && !this.stopped && this.secure; ) {
        let batch = nextBatch(this.secure.unacked, this.relayedUpTo, this.maxFramesPerSend)
        if (batch.length === 0) break
        // A stream (a frame right after another): linger a moment, so the frames sealed meanwhile share
        // one relay event. A lone request never waits.
        if (sent > 0 && batch.length < this.maxFramesPerSend) {
          await delay(timers, lingerMs)
          if (!this.secure) break
          batch = nextBatch(this.secure.unacked, this.relayedUpTo, this.maxFramesPerSend)
          if (batch.length === 0) break
        }
        sent++
        try {
          const { accepted, refusal } = await this.sendBatch(batch.map((entry) => entry.frame))
          if (accepted > 0) {
            this.relayedUpTo = Math.max(this.relayedUpTo, batch[accepted - 1]!.seq)
            attempt = 0
            this.relayedWaiters.relayed(this.relayedUpTo)
          }
          if (!refusal) continue
          if (refusal.code === 'not_member' || refusal.code === 'unknown_channel') {
            // Handled by re-joining (not reported: at the end of a session the peer may have closed the
            // channel a moment before; a lasting failure ends in the peer timeout).
            if (this.parameters.isClosing()) {
              this.releaseWaiters()
              break
            }
            this.parameters.onMembershipLost()
            break
          }
          this.parameters.report(refusedFrameError(refusal))
          // queue_full, rate_limited, unavailable: wait and retry the same frame, a bounded number of times.
          if (++attempt > maxSendAttempts) break
          await delay(timers, retryIntervalMs)
        } catch {
          // Offline or no answer: the reconnect re-joins and re-sends from the first unacknowledged frame.
          break
        }
      }
    } finally {
      this.pumping = false
    }
  }

  /** One `send`, carrying the pending relay acknowledgement when the relay takes it (kept if refused). */
  private async sendBatch(frames: Uint8Array[]): Promise<RelaySendResult> {
    const ack = this.maxFramesPerSend > 1 ? this.relayAck.take() : undefined
    let result: RelaySendResult
    try {
      result = await sendFrames(this.parameters, frames, ack)
    } catch (error) {
      this.relayAck.restore(ack)
      throw error
    }
    if (result.refusal) this.relayAck.restore(ack)
    return result
  }

  /** Resolves once the relay accepted frame `seq`, or after `timeoutMs`, or when the session ends. */
  waitRelayed(seq: number, timeoutMs: number): Promise<void> {
    if (this.relayedUpTo >= seq) return Promise.resolve()
    return this.relayedWaiters.wait(seq, timeoutMs)
  }

  /** Ends every `waitRelayed` now (the session ends, or the peer terminated it). */
  releaseWaiters(): void {
    this.relayedWaiters.releaseAll()
  }

  /** Best-effort send of a frame that is not re-sent after a reconnect (handshake and ACK frames). */
  sendEphemeral(frame: Uint8Array): void {
    if (!this.parameters.isJoined()) return
    this.sendBatch([frame])
      .then(({ refusal }) => {
        if (refusal) this.parameters.report(refusedFrameError(refusal))
      })
      .catch(() => {})
  }

  /**
   * Acknowledges received DATA: after `ackDelayMs`, an ACK frame goes out unless an outgoing DATA frame
   * carried the acknowledgement meanwhile. `force` (a duplicate arrived: the peer may have missed our
   * acknowledgement) sends one anyway.
   */
  scheduleAck(force: boolean): void {
    this.ackTimer.armOnce(ackDelayMs, () => void this.sendAck(force))
  }

  private async sendAck(force: boolean): Promise<void> {
    const secure = this.secure
    if (!secure || this.stopped || (!force && secure.lastReceived <= this.lastAckSent)) return
    this.lastAckSent = secure.lastReceived
    this.sendEphemeral(await secure.sealAck())
  }

  /** A relay frame was processed (accepted or not): its queue entry may go (see `RelayQueueAck`). */
  releaseRelayQueue(id: unknown): void {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0 || !this.parameters.isJoined()) return
    this.relayAck.processed(id)
  }

  private checkRetransmit(peerReachable: boolean): void {
    const secure = this.secure
    if (!secure) return
    // Frames the pump gave up on (a relay refusing `send` for a long while) are tried again.
    if (this.parameters.isJoined() && secure.lastSent > this.relayedUpTo) void this.pump()
    const { watch, resend } = checkRetransmit(this.retransmitWatch, {
      oldestUnacked: secure.unacked[0]?.seq,
      relayedUpTo: this.relayedUpTo,
      peerReachable: peerReachable && this.parameters.isJoined(),
    })
    this.retransmitWatch = watch
    if (resend) this.resendUnacked()
  }

  /** Stops every timer and waiter; the secure channel is dropped. */
  stop(): void {
    this.stopped = true
    this.ackTimer.clear()
    this.retransmitTimer.clear()
    this.relayAck.clear()
    this.releaseWaiters()
    this.secure = undefined
  }
}

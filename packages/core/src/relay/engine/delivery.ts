import { RelayRequestError } from '../../errors/relay.js'
import type { Frame } from '../frame.js'
import type { RelayTransport } from '../relayTransport.js'
import type { SecureChannel } from '../secureChannel.js'
import { EarlyFrames } from './earlyFrames.js'
import { relayRefusal } from './relayAnswer.js'
import { checkRetransmit, idleRetransmitWatch, type RetransmitWatch } from './retransmitWatch.js'
import { delay, SessionTimer, type SessionTimers } from './timers.js'

/** How long a receiver waits for an outgoing frame to carry its acknowledgement before sealing an ACK. */
export const ackDelayMs = 50
/** A frame the relay keeps refusing (`queue_full`, `rate_limited`...) is tried this many times. */
const maxSendAttempts = 30

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
  private readonly relayedWaiters = new Set<{ seq: number; resolve: () => void }>()
  private readonly ackTimer: SessionTimer
  private readonly retransmitTimer: SessionTimer
  private stopped = false
  private readonly earlyFrames = new EarlyFrames()
  private outbound: Promise<unknown> = Promise.resolve()

  constructor(private readonly parameters: DeliveryParameters) {
    this.ackTimer = new SessionTimer(parameters.timers)
    this.retransmitTimer = new SessionTimer(parameters.timers)
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

  /** Hands unacknowledged DATA frames to the relay in order, one at a time, so the relay queue keeps the order. */
  async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    const { channel, transport, relayTimeoutMs, retryIntervalMs, timers } = this.parameters
    try {
      for (let attempt = 0; this.parameters.isJoined() && !this.stopped && this.secure; ) {
        const next = this.secure.unacked.find((entry) => entry.seq > this.relayedUpTo)
        if (!next) break
        try {
          const refusal = relayRefusal(
            await transport.call('send', { channel, frame: next.frame }, relayTimeoutMs),
          )
          if (!refusal) {
            this.relayedUpTo = Math.max(this.relayedUpTo, next.seq)
            attempt = 0
            for (const waiter of [...this.relayedWaiters])
              if (waiter.seq <= this.relayedUpTo) waiter.resolve()
            continue
          }
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
          this.parameters.report(
            new RelayRequestError(`The relay refused a frame: ${refusal.message}`, refusal.code),
          )
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

  /** Resolves once the relay accepted frame `seq`, or after `timeoutMs`, or when the session ends. */
  waitRelayed(seq: number, timeoutMs: number): Promise<void> {
    if (this.relayedUpTo >= seq) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = new SessionTimer(this.parameters.timers)
      const waiter = {
        seq,
        resolve: () => {
          timer.clear()
          this.relayedWaiters.delete(waiter)
          resolve()
        },
      }
      timer.arm(timeoutMs, waiter.resolve)
      this.relayedWaiters.add(waiter)
    })
  }

  /** Ends every `waitRelayed` now (the session ends, or the peer terminated it). */
  releaseWaiters(): void {
    for (const waiter of [...this.relayedWaiters]) waiter.resolve()
  }

  /** Best-effort send of a frame that is not re-sent after a reconnect (handshake and ACK frames). */
  sendEphemeral(frame: Uint8Array): void {
    if (!this.parameters.isJoined()) return
    const { channel, transport, relayTimeoutMs, report } = this.parameters
    transport
      .call('send', { channel, frame }, relayTimeoutMs)
      .then((answer) => {
        const refusal = relayRefusal(answer)
        if (refusal)
          report(new RelayRequestError(`The relay refused a frame: ${refusal.message}`, refusal.code))
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

  /** Releases the relay's queue entry of a processed frame (accepted or not). */
  releaseRelayQueue(id: unknown): void {
    // Not only increasing ids: a relay restarted without Redis numbers its queue from 1 again.
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0 || !this.parameters.isJoined()) return
    const { channel, transport, relayTimeoutMs } = this.parameters
    transport.call('ack', { channel, id }, relayTimeoutMs).catch(() => {})
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
    this.releaseWaiters()
    this.secure = undefined
  }
}

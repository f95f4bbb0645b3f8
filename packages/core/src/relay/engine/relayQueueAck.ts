import { SessionTimer, type SessionTimers } from './timers.js'

/** How long a processed relay frame waits for an outgoing `send` to carry its acknowledgement. */
export const relayAckDelayMs = 50
/** Processed relay frames acknowledged at once at the latest (the relay's queue stays short). */
export const maxUnackedRelayFrames = 32

/**
 * The acknowledgement of processed frames to the relay's queue (docs/protocol.md sections 3 and 5).
 * Acknowledgements are cumulative, so one covers every frame before it: it rides on the next `send`
 * (`take`), or goes alone (`flush`) after `relayAckDelayMs` or `maxUnackedRelayFrames` frames.
 */
export class RelayQueueAck {
  private pending: { id: number; count: number } | undefined
  private readonly timer: SessionTimer

  constructor(
    timers: SessionTimers,
    /** Sends an explicit `ack` event for `id`. */
    private readonly flush: (id: number) => void,
  ) {
    this.timer = new SessionTimer(timers)
  }

  /** Frame `id` of the relay's queue was processed (accepted or not). */
  processed(id: number): void {
    this.pending = { id, count: (this.pending?.count ?? 0) + 1 }
    if (this.pending.count >= maxUnackedRelayFrames) this.flushNow()
    else this.timer.armOnce(relayAckDelayMs, () => this.flushNow())
  }

  /** The id to carry on an outgoing `send` (then nothing is pending), if any. */
  take(): number | undefined {
    const id = this.pending?.id
    this.clear()
    return id
  }

  /** A `send` carrying `id` failed: acknowledge it again later, unless a newer frame is pending already. */
  restore(id: number | undefined): void {
    if (id === undefined || this.pending !== undefined) return
    this.pending = { id, count: 1 }
    this.timer.armOnce(relayAckDelayMs, () => this.flushNow())
  }

  /**
   * Forgets what is pending (the socket left the relay): the relay replays its queue after the re-join,
   * and a relay restarted without Redis numbers frames from 1 again, so an old id could delete new frames.
   */
  clear(): void {
    this.pending = undefined
    this.timer.clear()
  }

  private flushNow(): void {
    const id = this.take()
    if (id !== undefined) this.flush(id)
  }
}

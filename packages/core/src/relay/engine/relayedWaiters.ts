import { SessionTimer, type SessionTimers } from './timers.js'

/**
 * Callers waiting for the relay to accept a frame (`Delivery.waitRelayed`): a close waits for its
 * `terminate`, a pause for its `pause`, each bounded by its own timer.
 */
export class RelayedWaiters {
  private readonly waiters = new Set<{ seq: number; resolve: () => void }>()

  constructor(private readonly timers: SessionTimers) {}

  /** Resolves once `relayed` reaches `seq`, or after `timeoutMs`, or on `releaseAll`. */
  wait(seq: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = new SessionTimer(this.timers)
      const waiter = {
        seq,
        resolve: () => {
          timer.clear()
          this.waiters.delete(waiter)
          resolve()
        },
      }
      timer.arm(timeoutMs, waiter.resolve)
      this.waiters.add(waiter)
    })
  }

  /** The relay accepted every frame up to `relayedUpTo`: their waiters go on. */
  relayed(relayedUpTo: number): void {
    for (const waiter of [...this.waiters]) if (waiter.seq <= relayedUpTo) waiter.resolve()
  }

  /** Ends every wait now (the session ends, or the peer terminated it). */
  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve()
  }
}

import type { SessionTimers } from '@dapplink/core/relay'

/** Waits at or under this run on real timers: the delivery's 1 ms linger and its 50 ms acknowledgement delays. */
export const realTimerMaxMs = 50

/**
 * Session timers for tests over a real relay process: the delivery's short waits run on real timers, so
 * frames keep flowing, while every session-level wait (the pause threshold, the peer timeout, retries,
 * the handshake timeout; all above `realTimerMaxMs`) runs only when the test calls `advance`. A test moves
 * past a 300 ms peer timeout at once instead of sleeping through it.
 */
export class SteppedSessionTimers implements SessionTimers {
  private time = Date.now()
  private nextId = 1
  private readonly manual = new Map<number, { at: number; callback: () => void }>()

  now(): number {
    return this.time
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    if (delayMs <= realTimerMaxMs) return { real: globalThis.setTimeout(callback, delayMs) }
    const id = this.nextId++
    this.manual.set(id, { at: this.time + delayMs, callback })
    return { manual: id }
  }

  clearTimeout(handle: unknown): void {
    const { real, manual } = (handle ?? {}) as { real?: ReturnType<typeof setTimeout>; manual?: number }
    if (real !== undefined) globalThis.clearTimeout(real)
    if (manual !== undefined) this.manual.delete(manual)
  }

  /** How many session-level waits are armed. */
  get pendingManual(): number {
    return this.manual.size
  }

  /** Moves the session clock by `ms`, running the session-level waits that came due, earliest first. */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let dueId: number | undefined
      for (const [id, entry] of this.manual)
        if (entry.at <= end && (dueId === undefined || entry.at < this.manual.get(dueId)!.at)) dueId = id
      if (dueId === undefined) break
      const due = this.manual.get(dueId)!
      this.manual.delete(dueId)
      this.time = due.at
      due.callback()
    }
    this.time = end
  }
}

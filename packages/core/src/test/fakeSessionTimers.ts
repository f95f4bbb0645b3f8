import type { SessionTimers } from '../relay/engine/timers.js'

/**
 * A manual clock for the session engine: time moves only when a test calls `advance`, which runs every
 * callback that falls due, in time order. Relay I/O (the in-memory relay, WebCrypto) stays real.
 */
export class FakeSessionTimers implements SessionTimers {
  private time = 0
  private nextId = 1
  private readonly pending = new Map<number, { at: number; callback: () => void }>()

  now(): number {
    return this.time
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const id = this.nextId++
    this.pending.set(id, { at: this.time + Math.max(0, delayMs), callback })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }

  /** How many callbacks wait. */
  get size(): number {
    return this.pending.size
  }

  /** Moves the clock by `ms`, running due callbacks in order (each sees `now()` at its due time). */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      let dueId: number | undefined
      let due: { at: number; callback: () => void } | undefined
      for (const [id, entry] of this.pending)
        if (entry.at <= end && (!due || entry.at < due.at)) {
          dueId = id
          due = entry
        }
      if (!due || dueId === undefined) break
      this.pending.delete(dueId)
      this.time = due.at
      due.callback()
    }
    this.time = end
  }
}

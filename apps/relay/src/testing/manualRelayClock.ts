import type { RelayClock } from '../relay/relayClock.js'

type ManualTimer = {
  /** 0 for a one-shot timer (`after`). */
  intervalMs: number
  nextAt: number
  callback: () => unknown
}

/** A relay clock that moves only when the test calls `advance`, firing the timers that came due. */
export class ManualRelayClock implements RelayClock {
  private time = 1_700_000_000_000
  private readonly timers = new Set<ManualTimer>()

  now(): number {
    return this.time
  }

  every(intervalMs: number, callback: () => unknown): () => void {
    if (!(intervalMs > 0)) throw new RangeError(`An interval must be positive, not ${intervalMs} ms.`)
    return this.add({ intervalMs, nextAt: this.time + intervalMs, callback })
  }

  after(delayMs: number, callback: () => void): () => void {
    return this.add({ intervalMs: 0, nextAt: this.time + Math.max(0, delayMs), callback })
  }

  /** How many timers are armed (intervals and pending one-shots). */
  get pendingTimers(): number {
    return this.timers.size
  }

  /**
   * Moves the time forward by `ms`, running each due timer at its own time, earliest first, and waiting
   * for the work its callback returned (a sweep on Redis) before the next one: every sweep that came due
   * has finished when this resolves, on every node sharing the clock. No wall-clock wait.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms
    for (;;) {
      let next: ManualTimer | undefined
      for (const timer of this.timers)
        if (timer.nextAt <= target && (!next || timer.nextAt < next.nextAt)) next = timer
      if (!next) break
      this.time = next.nextAt
      if (next.intervalMs > 0) next.nextAt += next.intervalMs
      else this.timers.delete(next)
      await next.callback()
      // Let what the callback set off without returning it (an emit, a resolved promise's reactions) run.
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    this.time = target
  }

  private add(timer: ManualTimer): () => void {
    this.timers.add(timer)
    return () => this.timers.delete(timer)
  }
}

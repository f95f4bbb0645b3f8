import type { RelayClock } from '../relay/relayClock.js'

/** A relay clock that moves only when the test calls `advance`, firing the intervals that came due. */
export class ManualRelayClock implements RelayClock {
  private time = 1_700_000_000_000
  private readonly intervals = new Set<{ intervalMs: number; nextAt: number; callback: () => void }>()

  now(): number {
    return this.time
  }

  every(intervalMs: number, callback: () => void): () => void {
    const interval = { intervalMs, nextAt: this.time + intervalMs, callback }
    this.intervals.add(interval)
    return () => this.intervals.delete(interval)
  }

  /**
   * Moves the time forward by `ms`, running each due interval callback at its own time and letting the
   * work it started (an async sweep) finish before the next one: no wall-clock wait.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms
    for (;;) {
      let next: { intervalMs: number; nextAt: number; callback: () => void } | undefined
      for (const interval of this.intervals)
        if (interval.nextAt <= target && (!next || interval.nextAt < next.nextAt)) next = interval
      if (!next) break
      this.time = next.nextAt
      next.nextAt += next.intervalMs
      next.callback()
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    this.time = target
  }
}

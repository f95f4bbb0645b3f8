/**
 * Where the relay reads the time and arms its timers (the sweep of channel expiry, queue age and limiter
 * pruning; the shutdown deadline): the system clock by default; tests pass a clock they advance, so no
 * test sleeps for a relay timer.
 */
export type RelayClock = {
  now(): number
  /**
   * Calls `callback` every `intervalMs`; returns the function that stops it. A callback may return the
   * promise of the work it started (the sweep), which a test clock awaits before it moves on.
   */
  every(intervalMs: number, callback: () => unknown): () => void
  /** Calls `callback` once after `delayMs`; returns the function that cancels it. */
  after(delayMs: number, callback: () => void): () => void
}

/** The real clock; its timers do not keep the process alive. */
export const systemRelayClock: RelayClock = {
  now: () => Date.now(),
  every(intervalMs, callback) {
    // The relay's own callbacks handle their errors; a stray rejection must still not end the process.
    const handle = setInterval(() => void Promise.resolve(callback()).catch(() => {}), intervalMs)
    handle.unref()
    return () => clearInterval(handle)
  },
  after(delayMs, callback) {
    const handle = setTimeout(callback, delayMs)
    handle.unref()
    return () => clearTimeout(handle)
  },
}

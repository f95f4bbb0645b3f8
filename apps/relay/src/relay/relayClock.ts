/**
 * Where the relay reads the time and arms its sweep (channel expiry, queue age, limiter pruning): the
 * system clock by default; tests pass a clock they advance, so no test sleeps for a relay timer.
 */
export type RelayClock = {
  now(): number
  /** Calls `callback` every `intervalMs`; returns the function that stops it. */
  every(intervalMs: number, callback: () => void): () => void
}

/** The real clock; its interval does not keep the process alive. */
export const systemRelayClock: RelayClock = {
  now: () => Date.now(),
  every(intervalMs, callback) {
    const handle = setInterval(callback, intervalMs)
    handle.unref()
    return () => clearInterval(handle)
  },
}

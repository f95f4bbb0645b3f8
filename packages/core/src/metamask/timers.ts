// Time is injected (docs/STYLE: one replaceable provider), so tests of expiry, renewal and silence run on
// fake timers and never sleep.

/** The clock and timers the MetaMask transport uses; the real ones by default. */
export type TimeProvider = {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** `Date.now` and the global timers. */
export const realTime: TimeProvider = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

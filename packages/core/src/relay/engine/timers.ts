/** An opaque handle of a scheduled callback. */
export type TimerHandle = unknown

/**
 * Where a relay session reads the time and schedules its waits (retry, handshake timeout, peer timeout,
 * acknowledgement delay...). Injected so tests drive them with fake timers instead of sleeping; see
 * TanStack Query's `timeoutManager` for the same idea.
 */
export type SessionTimers = {
  /**
   * Milliseconds since the Unix epoch (`Date.now()` by default). Request deadlines are absolute times that the
   * other device compares with its own clock, so a replacement clock must share the origin with the peer's
   * (tests give both sides the same fake clock).
   */
  now(): number
  setTimeout(callback: () => void, delayMs: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

/**
 * The real clock and timers. Reads `globalThis` at each call (not at import), so vitest's
 * `vi.useFakeTimers()` installed after import is honoured too.
 */
export const systemTimers: SessionTimers = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** A resolved-after-`delayMs` promise on `timers` (for bounded waits inside async steps). */
export function delay(timers: SessionTimers, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, delayMs)
  })
}

/**
 * One named timer that is either armed or not: `arm` replaces a pending callback, `clear` is idempotent.
 * Replaces the `let timer: ReturnType<typeof setTimeout> | undefined` bookkeeping.
 */
export class SessionTimer {
  private handle: TimerHandle | undefined
  constructor(private readonly timers: SessionTimers) {}

  get armed(): boolean {
    return this.handle !== undefined
  }

  arm(delayMs: number, callback: () => void): void {
    this.clear()
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined
      callback()
    }, delayMs)
  }

  /** Arms only when not armed already. */
  armOnce(delayMs: number, callback: () => void): void {
    if (this.handle === undefined) this.arm(delayMs, callback)
  }

  /** Calls `callback` every `intervalMs` until `clear`. */
  repeat(intervalMs: number, callback: () => void): void {
    this.arm(intervalMs, () => {
      this.repeat(intervalMs, callback)
      callback()
    })
  }

  clear(): void {
    if (this.handle === undefined) return
    this.timers.clearTimeout(this.handle)
    this.handle = undefined
  }
}

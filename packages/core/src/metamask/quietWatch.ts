import type { TimeProvider } from './timers.js'

/** Watches the wallet's silence while requests wait for it (docs/metamask.md: the paused status). */
export type QuietWatch = {
  /** Starts (or restarts) the wait: `onQuiet` runs after `quietAfterMs` unless the wallet speaks first. */
  restart(): void
  /** Stops the wait (the wallet spoke, or the session ended). */
  stop(): void
}

/**
 * A timer that calls `onQuiet` once the wallet stayed silent for `quietAfterMs`, if requests still
 * wait then (an answer that settled the last one leaves nothing to pause for).
 */
export function createQuietWatch(
  time: TimeProvider,
  quietAfterMs: number,
  hasPendingRequests: () => boolean,
  onQuiet: () => void,
): QuietWatch {
  let timer: unknown
  const stop = () => time.clearTimeout(timer)
  return {
    restart() {
      stop()
      timer = time.setTimeout(() => {
        if (hasPendingRequests()) onQuiet()
      }, quietAfterMs)
    },
    stop,
  }
}

import type { Logger } from '../logging/logger.js'

/** How often one kind of refusal may write an info line. */
export const refusalLogIntervalMs = 10_000

export type RefusalLog = {
  /** Counts one refusal; writes an info line only if none was written for `scope` in the last interval. */
  refused(msg: 'rate_limited' | 'quota_exceeded', scope: string, ip: string): void
}

/**
 * Refusal log lines, rate limited: a flood of 20,000 refused events writes one info line per scope and
 * interval, carrying how many refusals it stands for, instead of 20,000 lines. The IP goes only to debug.
 *
 * @example
 * const refusals = createRefusalLog(log, Date.now)
 * refusals.refused('rate_limited', 'create', ip)
 */
export function createRefusalLog(log: Logger, now: () => number): RefusalLog {
  const byScope = new Map<string, { lastAt: number; count: number }>()
  return {
    refused(msg, scope, ip) {
      log.debug(`${msg}_ip`, { scope, ip })
      const key = `${msg}:${scope}`
      const entry = byScope.get(key) ?? { lastAt: Number.NEGATIVE_INFINITY, count: 0 }
      entry.count++
      const at = now()
      if (at - entry.lastAt >= refusalLogIntervalMs) {
        log.info(msg, { scope, refusals: entry.count })
        entry.lastAt = at
        entry.count = 0
      }
      byScope.set(key, entry)
    },
  }
}

/**
 * The process RSS, read at most once per `intervalMs`: the memory budget is checked on every `send`, and
 * reading RSS is a system call.
 *
 * @example
 * const rss = createSampledRss(100)
 * if (rss() > budget) refuse()
 */
export function createSampledRss(
  intervalMs: number,
  read: () => number = () => process.memoryUsage.rss(),
  now: () => number = Date.now,
): () => number {
  let sampledAt = Number.NEGATIVE_INFINITY
  let bytes = 0
  return () => {
    const at = now()
    if (at - sampledAt >= intervalMs) {
      bytes = read()
      sampledAt = at
    }
    return bytes
  }
}

/** Percentiles of a set of samples (milliseconds), nearest-rank. */
export type Summary = { count: number; p50: number; p90: number; p99: number; mean: number; max: number }

/** Summarizes samples with nearest-rank percentiles; an empty set gives NaN figures, never a crash. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]
  const count = sorted.length
  return {
    count,
    p50: rank(0.5) ?? Number.NaN,
    p90: rank(0.9) ?? Number.NaN,
    p99: rank(0.99) ?? Number.NaN,
    mean: count === 0 ? Number.NaN : sorted.reduce((sum, value) => sum + value, 0) / count,
    max: sorted[count - 1] ?? Number.NaN,
  }
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  return summarize(values).p50
}

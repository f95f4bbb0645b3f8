/** Refill rate and capacity of a token bucket. */
export type RateLimit = {
  /** Tokens added per second. */
  perSecond: number
  /** Bucket capacity: the largest burst allowed. */
  burst: number
}

/**
 * A token bucket: `take()` succeeds while tokens remain and the bucket refills continuously at
 * `perSecond`. Time is injected so that tests need no sleeps.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst
    this.updatedAt = now
  }

  /** Takes one token; returns false (and takes nothing) when the bucket is empty. */
  take(now: number): boolean {
    this.refill(now)
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** Whether the bucket is back to full capacity (then it can be forgotten). */
  isFull(now: number): boolean {
    this.refill(now)
    return this.tokens >= this.limit.burst
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.perSecond)
    this.updatedAt = now
  }
}

/**
 * Token buckets by key (an IP address). Full buckets are forgotten by `prune()` so the map only
 * holds keys that spent tokens recently.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(private readonly limit: RateLimit) {}

  /** Takes one token from `key`'s bucket; false means rate limited. */
  take(key: string, now: number): boolean {
    let bucket = this.buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(this.limit, now)
      this.buckets.set(key, bucket)
    }
    return bucket.take(now)
  }

  /** Forgets full buckets; call it now and then. */
  prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key)
  }

  get size(): number {
    return this.buckets.size
  }
}

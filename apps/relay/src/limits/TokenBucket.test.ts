import { describe, expect, it } from 'vitest'
import { KeyedRateLimiter, TokenBucket } from './TokenBucket.js'

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const bucket = new TokenBucket({ perSecond: 2, burst: 3 }, 0)
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false])
    expect(bucket.take(400)).toBe(false) // 0.8 token
    expect(bucket.take(500)).toBe(true) // 1 token
    expect(bucket.take(10_000)).toBe(true)
    expect(bucket.isFull(100_000)).toBe(true)
  })
})

describe('KeyedRateLimiter', () => {
  it('limits each key on its own and forgets full buckets', () => {
    const limiter = new KeyedRateLimiter({ perSecond: 1, burst: 1 })
    expect(limiter.take('a', 0)).toBe(true)
    expect(limiter.take('a', 0)).toBe(false)
    expect(limiter.take('b', 0)).toBe(true)
    expect(limiter.size).toBe(2)
    limiter.prune(5_000)
    expect(limiter.size).toBe(0)
  })
})

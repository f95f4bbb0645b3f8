import { describe, expect, it } from 'vitest'
import { joinRetryDelayMs } from './joinRetryDelay.js'

describe('joinRetryDelayMs', () => {
  it('retries an early wallet soon, doubling up to the retry interval', () => {
    const delays = [0, 1, 2, 3, 4, 5, 30].map((refusals) => joinRetryDelayMs(1_000, refusals))
    expect(delays).toEqual([62.5, 125, 250, 500, 1_000, 1_000, 1_000])
  })

  it('waits the whole interval after any other refusal', () => {
    expect(joinRetryDelayMs(1_000, undefined)).toBe(1_000)
    expect(joinRetryDelayMs(40, undefined)).toBe(40)
  })
})

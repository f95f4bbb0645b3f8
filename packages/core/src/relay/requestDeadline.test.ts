import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkRequestDeadline, maxRequestTimeoutMs, requestDeadlineSkewMs } from './requestDeadline.js'

const now = 1_750_000_000_000

describe('checkRequestDeadline', () => {
  it.each([
    ['a deadline still ahead', now + 300_000, { ok: true, remainingMs: 300_000 + requestDeadlineSkewMs }],
    [
      'a deadline just passed, within the clock skew',
      now - requestDeadlineSkewMs,
      { ok: true, remainingMs: 0 },
    ],
    ['the furthest deadline allowed', now + maxRequestTimeoutMs + requestDeadlineSkewMs, { ok: true }],
    ['no deadline', undefined, { ok: false, problem: 'missing' }],
    ['a NaN deadline', Number.NaN, { ok: false, problem: 'missing' }],
    ['a deadline passed beyond the skew', now - requestDeadlineSkewMs - 1, { ok: false, problem: 'expired' }],
    ['a deadline ten minutes passed', now - 600_000, { ok: false, problem: 'expired' }],
    [
      'a deadline beyond the longest timeout and the skew',
      now + maxRequestTimeoutMs + requestDeadlineSkewMs + 1,
      { ok: false, problem: 'tooFar' },
    ],
    ['a deadline a year ahead', now + 365 * 86_400_000, { ok: false, problem: 'tooFar' }],
  ])('%s', (_, deadline, expected) => {
    expect(checkRequestDeadline(deadline, now)).toMatchObject(expected)
  })

  it('says what happened and what to check', () => {
    const expired = checkRequestDeadline(now - 600_000, now)
    expect(expired.ok === false && expired.shortMessage).toMatch(/expired 600 s ago.*clocks/)
    const tooFar = checkRequestDeadline(now + 3_600_000, now)
    expect(tooFar.ok === false && tooFar.shortMessage).toMatch(/3600 s ahead; at most 600 s/)
    const missing = checkRequestDeadline(undefined, now)
    expect(missing.ok === false && missing.shortMessage).toMatch(/no deadline/)
  })

  it('property: accepts exactly the deadlines within [now - skew, now + max + skew]', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * maxRequestTimeoutMs, max: 2 * maxRequestTimeoutMs }), (offset) => {
        const check = checkRequestDeadline(now + offset, now)
        const inside =
          offset >= -requestDeadlineSkewMs && offset <= maxRequestTimeoutMs + requestDeadlineSkewMs
        expect(check.ok).toBe(inside)
        if (check.ok) expect(check.remainingMs).toBe(offset + requestDeadlineSkewMs)
        else expect(check.problem).toBe(offset < 0 ? 'expired' : 'tooFar')
      }),
      { numRuns: 2_000 },
    )
  })
})

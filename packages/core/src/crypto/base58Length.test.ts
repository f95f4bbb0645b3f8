import fc from 'fast-check'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { encodeBase58 } from './base58.js'
import { estimateBase58Length, minimumBase58Length } from './base58Length.js'

const bytesWithLeadingZeros = fc
  .tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 400 }), fc.boolean())
  .map(([zeros, length, small]) => {
    const rest = nacl.randomBytes(length)
    if (small && rest.length > 0) rest[0] = 1 // the smallest leading byte, where the lower bound is tightest
    return Uint8Array.from([...new Uint8Array(zeros), ...rest])
  })

describe('base58 length bounds', () => {
  it('bound the real length from both sides', () => {
    fc.assert(
      fc.property(bytesWithLeadingZeros, (bytes) => {
        const actual = encodeBase58(bytes).length
        expect(minimumBase58Length(bytes)).toBeLessThanOrEqual(actual)
        expect(estimateBase58Length(bytes.length)).toBeGreaterThanOrEqual(actual)
      }),
      { numRuns: 300 },
    )
  })

  it('are tight for random bytes', () => {
    const bytes = nacl.randomBytes(1000)
    const actual = encodeBase58(bytes).length
    expect(actual - minimumBase58Length(bytes)).toBeLessThanOrEqual(2)
    expect(estimateBase58Length(bytes.length) - actual).toBeLessThanOrEqual(2)
    expect(minimumBase58Length(new Uint8Array(5))).toBe(5)
    expect(minimumBase58Length(new Uint8Array())).toBe(0)
  })
})

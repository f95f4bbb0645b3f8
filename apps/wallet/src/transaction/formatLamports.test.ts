import { describe, expect, it } from 'vitest'
import { formatLamports } from './formatLamports.js'

describe('formatLamports', () => {
  it.each([
    [0n, '0 SOL'],
    [1n, '0.000000001 SOL'],
    [1_500_000_000n, '1.5 SOL'],
    [1_000_000_000n, '1 SOL'],
    [2n ** 64n - 1n, '18446744073.709551615 SOL'],
    [-5_000n, '-0.000005 SOL'],
  ])('formats %s lamports as %s', (lamports, text) => {
    expect(formatLamports(lamports)).toBe(text)
  })
})

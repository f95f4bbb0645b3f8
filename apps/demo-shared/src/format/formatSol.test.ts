import { describe, expect, it } from 'vitest'
import { formatSol, formatSolChange } from './formatSol.js'

describe('formatSol', () => {
  it.each([
    [0, '0 SOL'],
    [1, '0.000000001 SOL'],
    [1_500_000_000, '1.5 SOL'],
    [10_005_000, '0.010005 SOL'],
    [-10_005_000, '-0.010005 SOL'],
    [123_456_789_012_345_678n, '123456789.012345678 SOL'],
  ])('%s lamports is %s', (lamports, text) => {
    expect(formatSol(lamports)).toBe(text)
  })

  it('signs a change', () => {
    expect(formatSolChange(-10_005_000)).toBe('-0.010005 SOL')
    expect(formatSolChange(1_000_000_000)).toBe('+1 SOL')
    expect(formatSolChange(0)).toBe('0 SOL')
  })
})

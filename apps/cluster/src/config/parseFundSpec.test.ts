import { describe, expect, it } from 'vitest'
import { InvalidClusterOptionError } from '../errors/InvalidClusterOptionError.js'
import { parseFundSpec, parseSolAmount } from './parseFundSpec.js'

const alice = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin'
const bob = 'Vote111111111111111111111111111111111111111'

describe('parseSolAmount', () => {
  it('converts decimal SOL to lamports exactly', () => {
    expect(parseSolAmount('10')).toBe(10_000_000_000n)
    expect(parseSolAmount('0.5')).toBe(500_000_000n)
    expect(parseSolAmount('0.000000001')).toBe(1n)
    expect(parseSolAmount(' 1.25 ')).toBe(1_250_000_000n)
  })

  it.each(['', 'ten', '-1', '1e3', '0.0000000001', '1.', '.5'])('rejects %j', (text) => {
    expect(() => parseSolAmount(text)).toThrow(InvalidClusterOptionError)
  })
})

describe('parseFundSpec', () => {
  it('parses comma-separated pubkey:SOL pairs and ignores empty entries', () => {
    expect(parseFundSpec(`${alice}:10, ${bob}:0.5,`)).toEqual([
      { address: alice, lamports: 10_000_000_000n },
      { address: bob, lamports: 500_000_000n },
    ])
    expect(parseFundSpec('')).toEqual([])
  })

  it('rejects entries without an amount, with a bad key, or with zero SOL', () => {
    expect(() => parseFundSpec(alice)).toThrow(/has no amount/)
    expect(() => parseFundSpec('not-a-key:1')).toThrow(/base58 public key/)
    expect(() => parseFundSpec(`${alice}:0`)).toThrow(/funds 0 SOL/)
  })
})

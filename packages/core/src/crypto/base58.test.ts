import bs58 from 'bs58'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidBase58Error } from '../errors/deeplink.js'
import { decodeBase58, encodeBase58 } from './base58.js'
import { constantTimeEqual } from './constantTimeEqual.js'

describe('base58', () => {
  it('uses the bitcoin alphabet, leading zeros as 1', () => {
    expect(encodeBase58(new TextEncoder().encode('hello'))).toBe('Cn8eVZg')
    expect(encodeBase58(new Uint8Array([0, 0, 1]))).toBe('112')
  })

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase58(encodeBase58(bytes))).toEqual(bytes)
        expect(encodeBase58(bytes)).toBe(bs58.encode(bytes))
      }),
    )
  })

  it('rejects characters outside the alphabet, wrong lengths, long inputs and non-strings', () => {
    for (const bad of ['0abc', 'Oops', 'Il1', 'abc+/', 'ab cd', 'éé'])
      expect(() => decodeBase58(bad, { label: 'nonce' })).toThrow(InvalidBase58Error)
    expect(() => decodeBase58('Cn8eVZg', { label: 'nonce', length: 24 })).toThrow(
      'The nonce decodes to 5 bytes; it must be 24 bytes.',
    )
    expect(() => decodeBase58('1'.repeat(20), { maxLength: 10 })).toThrow(/20 characters long; at most 10/)
    expect(() => decodeBase58(42)).toThrow(InvalidBase58Error)
  })
})

describe('constantTimeEqual', () => {
  it('agrees with element-wise equality', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)))
        expect(constantTimeEqual(a, Uint8Array.from(a))).toBe(true)
      }),
    )
  })
})

import bs58 from 'bs58'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, InvalidBase58Error } from '../errors/deeplink.js'
import { decodeBase58, encodeBase58 } from './base58.js'
import { constantTimeEqual } from './constantTimeEqual.js'

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

describe('base58', () => {
  it('uses the bitcoin alphabet, leading zeros as 1', () => {
    expect(encodeBase58(new TextEncoder().encode('hello'))).toBe('Cn8eVZg')
    expect(encodeBase58(new Uint8Array([0, 0, 1]))).toBe('112')
  })

  it('encodes and decodes exactly as bs58 (the wallets use it), leading zeros included', () => {
    const bytesWithZeros = fc
      .tuple(fc.nat(4), fc.uint8Array({ maxLength: 200 }))
      .map(([zeros, rest]) => Uint8Array.from([...new Array<number>(zeros).fill(0), ...rest]))
    fc.assert(
      fc.property(bytesWithZeros, (bytes) => {
        const text = encodeBase58(bytes)
        expect(text).toBe(bs58.encode(bytes))
        expect(decodeBase58(text)).toEqual(bytes)
      }),
      { numRuns: 2_000 },
    )
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 200 }), (text) => {
        expect(decodeBase58(text)).toEqual(bs58.decode(text))
      }),
      { numRuns: 2_000 },
    )
    for (const text of ['', '1', '111', '2', 'z', '1z', 'zzzz', '11111z1111'])
      expect(decodeBase58(text)).toEqual(bs58.decode(text))
    for (const bytes of [[], [0], [0, 0, 0], [255], [0, 255, 0], new Array(33).fill(255)])
      expect(encodeBase58(Uint8Array.from(bytes))).toBe(bs58.encode(Uint8Array.from(bytes)))
  })

  it('encodes only bytes', () => {
    for (const notBytes of ['abc', [1, 2, 3], 42, null, undefined, new Uint16Array([300])])
      expect(() => encodeBase58(notBytes as never)).toThrow(InvalidArgumentError)
    expect(encodeBase58(Buffer.from([0, 1]))).toBe('12')
  })

  it('agrees with bs58 on a payload as large as a deeplink carries', () => {
    const bytes = Uint8Array.from({ length: 6_000 }, (_, index) => (index * 7919 + 13) % 256)
    const text = encodeBase58(bytes)
    expect(text).toBe(bs58.encode(bytes))
    expect(decodeBase58(text)).toEqual(bytes)
  })

  it('refuses what bs58 refuses', () => {
    const outsiders = ['0', 'O', 'I', 'l', ' ', '+', '/', '=', 'é', '\u0000', '{', '\u{1F600}']
    const anyCharacter = fc.string({
      unit: fc.oneof(
        fc.constantFrom(...alphabet),
        fc.constantFrom(...outsiders),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
      ),
      maxLength: 12,
    })
    fc.assert(
      fc.property(anyCharacter, (text) => {
        let expected: Uint8Array | undefined
        try {
          expected = bs58.decode(text)
        } catch {
          expected = undefined
        }
        if (expected) expect(decodeBase58(text)).toEqual(expected)
        else expect(() => decodeBase58(text)).toThrow(InvalidBase58Error)
      }),
      { numRuns: 2_000 },
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

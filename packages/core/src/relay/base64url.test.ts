import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from './base64url.js'

describe('base64url / base64', () => {
  it('property: matches Node Buffer encodings and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'))
        expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
        expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes)
        expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes)
      }),
    )
  })

  it('rejects non-canonical and foreign alphabets', () => {
    expect(decodeBase64Url('AB')).toBeUndefined() // stray low bits
    expect(decodeBase64Url('A')).toBeUndefined()
    expect(decodeBase64Url('AA==')).toBeUndefined()
    expect(decodeBase64Url('a+b/')).toBeUndefined()
    expect(decodeBase64('AA')).toBeUndefined()
    expect(decodeBase64('-_8=')).toBeUndefined()
    expect(decodeBase64('AA==')).toEqual(new Uint8Array([0]))
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from './base64.js'

describe('base64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes the RFC 4648 vector %j', (text, encoded) => {
    expect(encodeBase64(new TextEncoder().encode(text))).toBe(encoded)
  })

  it('matches Node for any bytes, including inputs larger than one chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const encoded = encodeBase64(bytes)
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'))
        expect(decodeBase64(encoded)).toEqual(bytes)
      }),
      { numRuns: 30 },
    )
  })
})

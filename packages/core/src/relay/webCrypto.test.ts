import { describe, expect, it } from 'vitest'
import { aesGcmOpen, aesGcmSeal, aesGcmSealFrame, importAesKey, randomBytes } from './webCrypto.js'

describe('aesGcmSealFrame', () => {
  it('equals header || aesGcmSeal(header as associated data) with the same IV, and opens', async () => {
    const key = await importAesKey(randomBytes(32))
    const header = randomBytes(28)
    const plaintext = randomBytes(100)
    const iv = randomBytes(12)
    const frame = await aesGcmSealFrame(key, header, plaintext, iv)
    const body = await aesGcmSeal(key, plaintext, header, iv)
    expect(frame).toEqual(new Uint8Array([...header, ...body]))
    expect(await aesGcmOpen(key, frame.subarray(28), header)).toEqual(plaintext)
    // The header is authenticated: another header does not open.
    expect(await aesGcmOpen(key, frame.subarray(28), randomBytes(28))).toBeUndefined()
  })
})

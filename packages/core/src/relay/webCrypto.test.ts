import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  type AesKey,
  aesGcmOpen,
  aesGcmSeal,
  aesGcmSealFrame,
  importAesKey,
  importWebCryptoAesKey,
  randomBytes,
} from './webCrypto.js'

// Both key kinds: node:crypto's (what Node gets from importAesKey) and WebCrypto's (what browsers get).
const backends: [string, (raw: Uint8Array) => Promise<AesKey>][] = [
  ['node:crypto', importAesKey],
  ['WebCrypto', importWebCryptoAesKey],
]

describe('importAesKey', () => {
  it('holds the key in node:crypto under Node (synchronous AES-GCM, no thread-pool hop per frame)', async () => {
    expect(await importAesKey(randomBytes(32))).toHaveProperty('seal')
    expect(await importWebCryptoAesKey(randomBytes(32))).toBeInstanceOf(CryptoKey)
  })

  it('falls back to a non-extractable WebCrypto key on a host without node:crypto (a browser)', async () => {
    const host = process as { getBuiltinModule?: unknown }
    const original = host.getBuiltinModule
    host.getBuiltinModule = undefined
    try {
      const key = await importAesKey(randomBytes(32))
      expect(key).toBeInstanceOf(CryptoKey)
      expect((key as CryptoKey).extractable).toBe(false)
    } finally {
      host.getBuiltinModule = original
    }
  })
})

describe.each(backends)('AES-256-GCM with %s keys', (_name, importKey) => {
  it('aesGcmSealFrame equals header || aesGcmSeal(header as associated data) with the same IV, and opens', async () => {
    const key = await importKey(randomBytes(32))
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

  it('matches a known answer (node:crypto computed independently) and refuses tampering', async () => {
    const raw = randomBytes(32)
    const key = await importKey(raw)
    const [iv, aad, plaintext] = [randomBytes(12), randomBytes(28), randomBytes(57)]
    const cipher = createCipheriv('aes-256-gcm', raw, iv, { authTagLength: 16 })
    cipher.setAAD(aad)
    const expected = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
    const sealed = await aesGcmSeal(key, plaintext, aad, iv)
    expect(Buffer.from(sealed).toString('hex')).toBe(expected.toString('hex'))
    for (const index of [0, 12, sealed.length - 1]) {
      const tampered = sealed.slice()
      tampered[index]! ^= 1
      expect(await aesGcmOpen(key, tampered, aad)).toBeUndefined()
    }
    expect(await aesGcmOpen(key, sealed.subarray(0, 27), aad)).toBeUndefined()
    expect(await aesGcmOpen(key, new Uint8Array(0), aad)).toBeUndefined()
    expect(await aesGcmOpen(key, sealed, aad)).toEqual(plaintext)
  })

  it('seals and opens an empty plaintext (the ACK frame)', async () => {
    const key = await importKey(randomBytes(32))
    const header = randomBytes(28)
    const frame = await aesGcmSealFrame(key, header, new Uint8Array(0))
    expect(frame.length).toBe(28 + 12 + 16)
    expect(await aesGcmOpen(key, frame.subarray(28), header)).toEqual(new Uint8Array(0))
  })
})

describe('the two key kinds interoperate (a Node wallet with a browser dapp)', () => {
  it('what one seals the other opens, both ways', async () => {
    const raw = randomBytes(32)
    const nodeKey = await importAesKey(raw)
    const webKey = await importWebCryptoAesKey(raw)
    const header = randomBytes(28)
    const plaintext = randomBytes(300)
    const fromNode = await aesGcmSealFrame(nodeKey, header, plaintext)
    const fromWeb = await aesGcmSealFrame(webKey, header, plaintext)
    expect(await aesGcmOpen(webKey, fromNode.subarray(28), header)).toEqual(plaintext)
    expect(await aesGcmOpen(nodeKey, fromWeb.subarray(28), header)).toEqual(plaintext)
  })
})

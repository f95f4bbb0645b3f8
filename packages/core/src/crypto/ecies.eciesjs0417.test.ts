import { createCipheriv } from 'node:crypto'
import {
  decrypt as decrypt0417,
  encrypt as encrypt0417,
  PrivateKey as PrivateKey0417,
  PublicKey as PublicKey0417,
} from 'eciesjs-0417'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecryptionError } from '../errors/deeplink.js'
import { createEciesKeyPair, eciesDecrypt, eciesEncrypt } from './ecies.js'

// MetaMask's Mobile Wallet Protocol pins eciesjs 0.4.17 (its apps' key managers seal every relay
// message with it). These tests prove that ecies.ts writes and reads the same bytes as that exact
// version, both ways, and on a fixed vector built from eciesjs 0.4.17's own key derivation.

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const curveOrder = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const secretKeyArbitrary = fc
  .bigInt({ min: 1n, max: curveOrder - 1n })
  .map((value) => new Uint8Array(Buffer.from(value.toString(16).padStart(64, '0'), 'hex')))

describe('ecies.ts against eciesjs 0.4.17 (the version MetaMask pins)', () => {
  it('our ciphertext opens with eciesjs 0.4.17', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretKeyArbitrary,
        fc.uint8Array({ maxLength: 400 }),
        async (secretKey, plaintext) => {
          const receiver = createEciesKeyPair(secretKey)
          const ciphertext = await eciesEncrypt(receiver.publicKey, plaintext)
          expect(hex(decrypt0417(secretKey, ciphertext))).toBe(hex(plaintext))
        },
      ),
      { numRuns: 40 },
    )
  })

  it("eciesjs 0.4.17's ciphertext opens with ours, to a compressed or an uncompressed key", async () => {
    await fc.assert(
      fc.asyncProperty(
        secretKeyArbitrary,
        fc.uint8Array({ maxLength: 400 }),
        fc.boolean(),
        async (secretKey, plaintext, compressed) => {
          const receiverPublicKey = new PrivateKey0417(secretKey).publicKey.toBytes(compressed)
          const ciphertext = encrypt0417(receiverPublicKey, plaintext)
          expect(hex(await eciesDecrypt(secretKey, new Uint8Array(ciphertext)))).toBe(hex(plaintext))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('round-trips an MWP message the way the key managers carry it (UTF-8 JSON in, base64 out)', async () => {
    const wallet = createEciesKeyPair()
    const dapp = new PrivateKey0417()
    const message = JSON.stringify({
      type: 'message',
      payload: { name: 'metamask-multichain-provider', data: { id: 1 } },
    })
    // Dapp (eciesjs 0.4.17) → wallet (ours).
    const toWallet = Buffer.from(encrypt0417(wallet.publicKey, Buffer.from(message, 'utf8'))).toString(
      'base64',
    )
    const opened = await eciesDecrypt(wallet.secretKey, new Uint8Array(Buffer.from(toWallet, 'base64')))
    expect(new TextDecoder().decode(opened)).toBe(message)
    // Wallet (ours) → dapp (eciesjs 0.4.17).
    const toDapp = await eciesEncrypt(dapp.publicKey.toBytes(true), new TextEncoder().encode(message))
    const back = decrypt0417(dapp.secret, Buffer.from(Buffer.from(toDapp).toString('base64'), 'base64'))
    expect(back.toString('utf8')).toBe(message)
  })

  it('writes the bytes of a fixed vector derived with eciesjs 0.4.17 (fixed ephemeral key and nonce)', async () => {
    const receiverSecretKey = new Uint8Array(32).fill(0x11)
    const ephemeralSecretKey = new Uint8Array(32).fill(0x22)
    const nonce = new Uint8Array(16).fill(0x33)
    const plaintext = new TextEncoder().encode('dapplink ecies known-answer vect')
    // eciesjs 0.4.17's own KDF (HKDF-SHA256 over E || uncompressed shared point) from the fixed
    // ephemeral key, then its AES-256-GCM layout: E || nonce || tag || body.
    const ephemeral = new PrivateKey0417(ephemeralSecretKey)
    const receiver = new PrivateKey0417(receiverSecretKey)
    const aesKey = ephemeral.encapsulate(PublicKey0417.fromHex(hex(receiver.publicKey.toBytes(true))))
    const cipher = createCipheriv('aes-256-gcm', aesKey, nonce)
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
    const expected = Buffer.concat([ephemeral.publicKey.toBytes(false), nonce, cipher.getAuthTag(), body])
    const ours = await eciesEncrypt(receiver.publicKey.toBytes(true), plaintext, {
      ephemeralSecretKey,
      nonce,
    })
    expect(hex(ours)).toBe(hex(expected))
    // The same vector as ecies.test.ts pins, computed there from node:crypto alone.
    expect(hex(ours)).toBe(
      '04466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f276728176c3c6431f8eeda4538dc37c865e2784f3a9e77d044f33e407797e1278a' +
        '33333333333333333333333333333333' +
        'ef49fe1b3b09192af0391ec4514d5d44' +
        'ebd58c71275eed6aaf6e3e36de82b842921e843d9f472bc1e801cf3322ad88f3',
    )
    expect(hex(decrypt0417(receiverSecretKey, ours))).toBe(hex(plaintext))
  })

  it('refuses a ciphertext eciesjs 0.4.17 sealed to another key, with a DecryptionError', async () => {
    const ciphertext = encrypt0417(new PrivateKey0417().publicKey.toBytes(true), Buffer.from('hello'))
    await expect(eciesDecrypt(createEciesKeyPair().secretKey, new Uint8Array(ciphertext))).rejects.toThrow(
      DecryptionError,
    )
  })
})

import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { DecryptionError, InvalidArgumentError } from '../errors/deeplink.js'
import { openPayload } from './openPayload.js'
import { sealJsonPayload, sealPayload } from './sealPayload.js'
import { deriveSharedSecret } from './sharedSecret.js'

// Deeplink-level vector with the NaCl paper keys: the dapp is Alice, the wallet is Bob.
const dappSecretKey = Uint8Array.from(
  Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex'),
)
const walletSecretKey = Uint8Array.from(
  Buffer.from('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb', 'hex'),
)
const dappPublicKey = '9xgMXw7nrN39BoN9rJuGV6B9LwBNYXAJAMfeACcdyLMP'
const walletPublicKey = 'Fz21Bh7WKCb2CUZNm9WbhhuqBqVR4bXJzEMpb3PpfCCe'
const nonce = 'AcNFmpKDtfAh9TMLGe7vSkpbzMQmQRAoQ'
const plaintext = '{"session":"test-session","message":"Cn8eVZg"}'
const payload = '4xcUqxtG2qJDUEo44V7cSU4hmbSX3pdqCJMi5De2mYhdbyfmb8Vzide4mKF37VHbKzRca9G3j5PB88f2DSfD2'

describe('sealPayload / openPayload', () => {
  it('the vector keys are the NaCl paper keys (dapp = Alice, wallet = Bob)', () => {
    expect(bs58.encode(nacl.box.keyPair.fromSecretKey(dappSecretKey).publicKey)).toBe(dappPublicKey)
    expect(bs58.encode(nacl.box.keyPair.fromSecretKey(walletSecretKey).publicKey)).toBe(walletPublicKey)
    expect(Buffer.from(bs58.decode(nonce)).toString('hex')).toBe(
      '69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37',
    )
  })

  it('reproduces the deeplink payload known answer', () => {
    const sharedSecret = deriveSharedSecret(bs58.decode(walletPublicKey), dappSecretKey)
    const sealed = sealPayload(new TextEncoder().encode(plaintext), sharedSecret, bs58.decode(nonce))
    expect(bs58.encode(sealed.ciphertext)).toBe(payload)
    expect(bs58.encode(sealed.nonce)).toBe(nonce)
  })

  it('sealJsonPayload serializes with JSON.stringify before sealing', () => {
    const sharedSecret = deriveSharedSecret(bs58.decode(walletPublicKey), dappSecretKey)
    const sealed = sealJsonPayload(
      { session: 'test-session', message: 'Cn8eVZg' },
      sharedSecret,
      bs58.decode(nonce),
    )
    expect(bs58.encode(sealed.ciphertext)).toBe(payload)
  })

  it('the wallet opens the vector with its own secret key', () => {
    const sharedSecret = deriveSharedSecret(bs58.decode(dappPublicKey), walletSecretKey)
    const opened = openPayload(bs58.decode(payload), bs58.decode(nonce), sharedSecret)
    expect(new TextDecoder().decode(opened)).toBe(plaintext)
  })

  it('uses a fresh 24-byte nonce each time when none is given', () => {
    const sharedSecret = nacl.randomBytes(32)
    const first = sealPayload(new Uint8Array([1, 2, 3]), sharedSecret)
    const second = sealPayload(new Uint8Array([1, 2, 3]), sharedSecret)
    expect(first.nonce).toHaveLength(24)
    expect(bs58.encode(first.nonce)).not.toBe(bs58.encode(second.nonce))
    expect(bs58.encode(first.ciphertext)).not.toBe(bs58.encode(second.ciphertext))
    expect(openPayload(first.ciphertext, first.nonce, sharedSecret)).toEqual(new Uint8Array([1, 2, 3]))
  })

  it('refuses a tampered ciphertext, a wrong nonce or a wrong key', () => {
    const sharedSecret = deriveSharedSecret(bs58.decode(walletPublicKey), dappSecretKey)
    const ciphertext = bs58.decode(payload)
    const flipped = Uint8Array.from(ciphertext)
    flipped[5]! ^= 1
    expect(() => openPayload(flipped, bs58.decode(nonce), sharedSecret)).toThrow(DecryptionError)
    const otherNonce = Uint8Array.from(bs58.decode(nonce))
    otherNonce[0]! ^= 0x80
    expect(() => openPayload(ciphertext, otherNonce, sharedSecret)).toThrow(DecryptionError)
    expect(() => openPayload(ciphertext, bs58.decode(nonce), nacl.randomBytes(32))).toThrow(DecryptionError)
    expect(() => openPayload(ciphertext, new Uint8Array(12), sharedSecret)).toThrow(InvalidArgumentError)
    expect(() => openPayload(ciphertext, new Uint8Array(12), sharedSecret)).toThrow(
      'The nonce is 12 bytes; it must be 24.',
    )
    expect(() => openPayload(new Uint8Array(15), bs58.decode(nonce), sharedSecret)).toThrow(DecryptionError)
  })

  it('refuses a nonce or shared secret of the wrong length when sealing', () => {
    expect(() => sealPayload(new Uint8Array(1), new Uint8Array(32), new Uint8Array(23))).toThrow(
      InvalidArgumentError,
    )
    expect(() => sealPayload(new Uint8Array(1), new Uint8Array(16))).toThrow(InvalidArgumentError)
  })
})

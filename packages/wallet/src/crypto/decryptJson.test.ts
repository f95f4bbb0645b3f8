import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, test } from 'vitest'
import { DecryptionError, InvalidRequestError } from '../errors/walletRequestError.js'
import { decryptJson } from './decryptJson.js'
import { encryptJson } from './encryptJson.js'

const hex = (value: string) => Uint8Array.from(value.match(/../g)!, (byte) => Number.parseInt(byte, 16))
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

// Known-answer vectors from /work/shared/reference/deeplink-wire-format.md (NaCl paper / libsodium box.c).
const aliceSecretKey = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')
const bobSecretKey = hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb')
const nonce = hex('69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37')

describe('known answers', () => {
  test('x25519 public keys and box.before match the NaCl vectors', () => {
    const bob = nacl.box.keyPair.fromSecretKey(bobSecretKey)
    expect(toHex(bob.publicKey)).toBe('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')
    expect(toHex(nacl.box.before(bob.publicKey, aliceSecretKey))).toBe(
      '1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389',
    )
  })

  test('decrypts the deeplink-level vector B (dapp = alice, wallet = bob)', () => {
    const alice = nacl.box.keyPair.fromSecretKey(aliceSecretKey)
    const bob = nacl.box.keyPair.fromSecretKey(bobSecretKey)
    expect(bs58.encode(alice.publicKey)).toBe('9xgMXw7nrN39BoN9rJuGV6B9LwBNYXAJAMfeACcdyLMP')
    expect(bs58.encode(bob.publicKey)).toBe('Fz21Bh7WKCb2CUZNm9WbhhuqBqVR4bXJzEMpb3PpfCCe')
    expect(bs58.encode(nonce)).toBe('AcNFmpKDtfAh9TMLGe7vSkpbzMQmQRAoQ')
    // The wallet derives the secret from the dapp's public key and its own secret key.
    const sharedSecret = nacl.box.before(alice.publicKey, bobSecretKey)
    const box = bs58.decode(
      '4xcUqxtG2qJDUEo44V7cSU4hmbSX3pdqCJMi5De2mYhdbyfmb8Vzide4mKF37VHbKzRca9G3j5PB88f2DSfD2',
    )
    expect(decryptJson({ box, nonce, sharedSecret })).toEqual({ session: 'test-session', message: 'Cn8eVZg' })
  })
})

describe('decryptJson', () => {
  const sharedSecret = nacl.box.before(nacl.box.keyPair().publicKey, nacl.box.keyPair().secretKey)

  test('round-trips encryptJson with a fresh 24-byte nonce each time', () => {
    const first = encryptJson({ signature: 'abc' }, sharedSecret)
    const second = encryptJson({ signature: 'abc' }, sharedSecret)
    expect(bs58.decode(first.nonce)).toHaveLength(24)
    expect(first.nonce).not.toBe(second.nonce)
    expect(
      decryptJson({ box: bs58.decode(first.data), nonce: bs58.decode(first.nonce), sharedSecret }),
    ).toEqual({
      signature: 'abc',
    })
  })

  test('a flipped bit is a DecryptionError that carries the redirect link', () => {
    const { nonce: n, data } = encryptJson({ a: 1 }, sharedSecret)
    const box = bs58.decode(data)
    box[box.length - 1]! ^= 1
    let error: unknown
    try {
      decryptJson({ box, nonce: bs58.decode(n), sharedSecret, redirectLink: 'https://dapp.example/cb' })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DecryptionError)
    expect(error).toMatchObject({ code: -32000, redirectLink: 'https://dapp.example/cb' })
  })

  test('valid box of non-JSON or non-UTF-8 bytes is an InvalidRequestError', () => {
    const n = nacl.randomBytes(24)
    const notJson = nacl.box.after(new TextEncoder().encode('{"a":'), n, sharedSecret)
    expect(() => decryptJson({ box: notJson, nonce: n, sharedSecret })).toThrow(InvalidRequestError)
    const notUtf8 = nacl.box.after(Uint8Array.of(0xff, 0xfe), n, sharedSecret)
    expect(() => decryptJson({ box: notUtf8, nonce: n, sharedSecret })).toThrow(/not UTF-8/)
  })
})

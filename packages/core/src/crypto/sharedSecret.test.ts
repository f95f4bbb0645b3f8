import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { deriveSharedSecret, encryptionPublicKeyFromSecretKey } from './sharedSecret.js'

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

// NaCl paper / libsodium test/default/box.c
const aliceSecretKey = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')
const bobSecretKey = hex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb')
const bobPublicKey = hex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')
const sharedKey = '1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389'

describe('deriveSharedSecret', () => {
  it('reproduces the NaCl box.before known answer', () => {
    expect(toHex(deriveSharedSecret(bobPublicKey, aliceSecretKey))).toBe(sharedKey)
  })

  it('is symmetric: the wallet derives the same key from the dapp public key', () => {
    const alicePublicKey = encryptionPublicKeyFromSecretKey(aliceSecretKey)
    expect(toHex(deriveSharedSecret(alicePublicKey, bobSecretKey))).toBe(sharedKey)
  })

  it('derives the known public key from its secret key', () => {
    expect(toHex(encryptionPublicKeyFromSecretKey(bobSecretKey))).toBe(toHex(bobPublicKey))
  })

  it('differs from raw X25519 (box.before hashes it with HSalsa20)', () => {
    expect(toHex(nacl.scalarMult(aliceSecretKey, bobPublicKey))).not.toBe(sharedKey)
  })

  it('refuses keys of the wrong length with a typed error', () => {
    expect(() => deriveSharedSecret(bobPublicKey.slice(1), aliceSecretKey)).toThrow(InvalidArgumentError)
    expect(() => deriveSharedSecret(bobPublicKey, new Uint8Array(31))).toThrow(/31 bytes; it must be 32/)
  })

  it('refuses low-order public keys, whose shared key would be a public constant', () => {
    for (const point of [new Uint8Array(32), Uint8Array.from([1, ...new Uint8Array(31)])]) {
      expect(() => deriveSharedSecret(point, aliceSecretKey)).toThrow(InvalidArgumentError)
      expect(() => deriveSharedSecret(point, bobSecretKey)).toThrow(/low-order/)
    }
  })
})

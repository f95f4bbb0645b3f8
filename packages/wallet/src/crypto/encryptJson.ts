import bs58 from 'bs58'
import nacl from 'tweetnacl'

export type EncryptJsonReturnType = {
  /** base58 of the fresh 24-byte nonce. */
  nonce: string
  /** base58 of `nacl.box.after(utf8(JSON), nonce, sharedSecret)`. */
  data: string
}

/**
 * Encrypts a JSON value for the dapp with the session's shared secret and a fresh random nonce.
 *
 * @example
 * const { nonce, data } = encryptJson({ signature }, sharedSecret)
 */
export function encryptJson(value: unknown, sharedSecret: Uint8Array): EncryptJsonReturnType {
  const nonce = nacl.randomBytes(nacl.box.nonceLength)
  const plaintext = new TextEncoder().encode(JSON.stringify(value))
  const box = nacl.box.after(plaintext, nonce, sharedSecret)
  return { nonce: bs58.encode(nonce), data: bs58.encode(box) }
}

import nacl from 'tweetnacl'
import { InvalidArgumentError } from '../errors/deeplink.js'

export type SealedPayload = {
  /** The 24-byte nonce; send it beside the ciphertext. */
  nonce: Uint8Array
  /** `nacl.box.after(plaintext, nonce, sharedSecret)`: ciphertext with its 16-byte tag. */
  ciphertext: Uint8Array
}

/**
 * Encrypts and authenticates a payload with the shared key and a fresh random 24-byte nonce.
 * Pass `nonce` only for known-answer tests: reusing a nonce with the same key breaks secrecy.
 */
export function sealPayload(
  plaintext: Uint8Array,
  sharedSecret: Uint8Array,
  nonce?: Uint8Array,
): SealedPayload {
  if (sharedSecret.length !== nacl.box.sharedKeyLength)
    throw new InvalidArgumentError(`The shared secret is ${sharedSecret.length} bytes; it must be 32.`)
  const usedNonce = nonce ?? nacl.randomBytes(nacl.box.nonceLength)
  if (usedNonce.length !== nacl.box.nonceLength)
    throw new InvalidArgumentError(
      `The nonce is ${usedNonce.length} bytes; it must be ${nacl.box.nonceLength}.`,
    )
  return { nonce: usedNonce, ciphertext: nacl.box.after(plaintext, usedNonce, sharedSecret) }
}

/** Encodes a JSON value as UTF-8 and seals it (see {@link sealPayload}). */
export function sealJsonPayload(value: unknown, sharedSecret: Uint8Array, nonce?: Uint8Array): SealedPayload {
  return sealPayload(new TextEncoder().encode(JSON.stringify(value)), sharedSecret, nonce)
}

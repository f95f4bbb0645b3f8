import { assertLength } from './assertLength.js'
import { nacl } from './nacl.js'

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
  assertLength(sharedSecret, 32, 'shared secret')
  const usedNonce = nonce ?? nacl.randomBytes(24)
  assertLength(usedNonce, 24, 'nonce')
  return { nonce: usedNonce, ciphertext: nacl.box.after(plaintext, usedNonce, sharedSecret) }
}

/** Encodes a JSON value as UTF-8 and seals it (see {@link sealPayload}). */
export function sealJsonPayload(value: unknown, sharedSecret: Uint8Array, nonce?: Uint8Array): SealedPayload {
  return sealPayload(new TextEncoder().encode(JSON.stringify(value)), sharedSecret, nonce)
}

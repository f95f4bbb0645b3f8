import nacl from 'tweetnacl/nacl.js'
import { DecryptionError } from '../errors/deeplink.js'

/**
 * Opens a payload sealed with {@link sealPayload}.
 *
 * @throws {DecryptionError} when the tag does not verify (tampered data, wrong nonce or wrong key).
 */
export function openPayload(ciphertext: Uint8Array, nonce: Uint8Array, sharedSecret: Uint8Array): Uint8Array {
  if (nonce.length !== 24)
    throw new DecryptionError(`The nonce is ${nonce.length} bytes; a nonce must be 24 bytes.`)
  if (sharedSecret.length !== 32)
    throw new DecryptionError(`The shared secret is ${sharedSecret.length} bytes; it must be 32 bytes.`)
  // A ciphertext shorter than its 16-byte tag cannot verify; tweetnacl returns null for it too.
  const plaintext = nacl.box.open.after(ciphertext, nonce, sharedSecret)
  if (!plaintext) throw new DecryptionError()
  return plaintext
}

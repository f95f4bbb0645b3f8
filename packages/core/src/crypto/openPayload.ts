import { DecryptionError } from '../errors/deeplink.js'
import { assertLength } from './assertLength.js'
import { nacl } from './nacl.js'

/**
 * Opens a payload sealed with {@link sealPayload}.
 *
 * @throws {DecryptionError} when the tag does not verify (tampered data, wrong nonce or wrong key).
 * `InvalidArgumentError` for a nonce or key of the wrong length, as `sealPayload` does.
 */
export function openPayload(ciphertext: Uint8Array, nonce: Uint8Array, sharedSecret: Uint8Array): Uint8Array {
  assertLength(nonce, 24, 'nonce')
  assertLength(sharedSecret, 32, 'shared secret')
  // A ciphertext shorter than its 16-byte tag cannot verify; tweetnacl returns null for it too.
  const plaintext = nacl.box.open.after(ciphertext, nonce, sharedSecret)
  if (!plaintext) throw new DecryptionError()
  return plaintext
}

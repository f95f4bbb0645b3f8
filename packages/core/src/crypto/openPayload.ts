import nacl from 'tweetnacl'
import { DecryptionError } from '../errors/deeplink.js'

/**
 * Opens a payload sealed with {@link sealPayload}.
 *
 * @throws {DecryptionError} when the tag does not verify (tampered data, wrong nonce or wrong key).
 */
export function openPayload(ciphertext: Uint8Array, nonce: Uint8Array, sharedSecret: Uint8Array): Uint8Array {
  if (nonce.length !== nacl.box.nonceLength)
    throw new DecryptionError(
      `The nonce is ${nonce.length} bytes; a nonce must be ${nacl.box.nonceLength} bytes.`,
    )
  if (sharedSecret.length !== nacl.box.sharedKeyLength)
    throw new DecryptionError(`The shared secret is ${sharedSecret.length} bytes; it must be 32 bytes.`)
  if (ciphertext.length < nacl.box.overheadLength)
    throw new DecryptionError(`The ciphertext is ${ciphertext.length} bytes, shorter than its 16-byte tag.`)
  const plaintext = nacl.box.open.after(ciphertext, nonce, sharedSecret)
  if (!plaintext) throw new DecryptionError()
  return plaintext
}

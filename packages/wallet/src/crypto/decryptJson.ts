import nacl from 'tweetnacl'
import { DecryptionError, InvalidRequestError } from '../errors/walletRequestError.js'

export type DecryptJsonParameters = {
  /** The encrypted bytes (the decoded `payload`). */
  box: Uint8Array
  /** The 24-byte nonce (the decoded `nonce`). */
  nonce: Uint8Array
  /** `nacl.box.before(dappEncryptionPublicKey, walletEncryptionSecretKey)`. */
  sharedSecret: Uint8Array
  /** Carried by errors so the wallet can still answer the dapp. */
  redirectLink?: string | undefined
}

/**
 * Opens a payload boxed by the dapp and parses its UTF-8 JSON. Throws `DecryptionError` when the box does
 * not open (tampered, wrong key or nonce), `InvalidRequestError` when the plaintext is not UTF-8 JSON.
 */
export function decryptJson(parameters: DecryptJsonParameters): unknown {
  const { box, nonce, sharedSecret, redirectLink } = parameters
  const plaintext = nacl.box.open.after(box, nonce, sharedSecret)
  if (!plaintext)
    throw new DecryptionError('The payload could not be decrypted.', {
      details:
        "The box did not open with this session's shared secret: it was altered, or encrypted with another key or nonce. Reconnect if the dapp lost its keys.",
      redirectLink,
    })
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(plaintext)
  } catch (cause) {
    throw new InvalidRequestError('The decrypted payload is not UTF-8 text.', { cause, redirectLink })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (cause) {
    throw new InvalidRequestError('The decrypted payload is not JSON.', {
      details: 'Encrypt the UTF-8 bytes of JSON.stringify(payload).',
      cause,
      redirectLink,
    })
  }
}

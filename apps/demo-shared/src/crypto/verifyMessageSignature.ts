import { decodeBase58 } from '@dapplink/core'
import nacl from 'tweetnacl'

/**
 * Checks on the page that the wallet's signature is the account's ed25519 signature of `message` (UTF-8), so
 * the demo shows a verified result and not just the wallet's word.
 */
export function verifyMessageSignature(message: string, signature: Uint8Array, publicKey: string): boolean {
  if (signature.length !== nacl.sign.signatureLength) return false
  let key: Uint8Array
  try {
    key = decodeBase58(publicKey)
  } catch {
    return false
  }
  if (key.length !== nacl.sign.publicKeyLength) return false
  return nacl.sign.detached.verify(new TextEncoder().encode(message), signature, key)
}

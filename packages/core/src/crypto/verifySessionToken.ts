import { decodeBase58 } from './base58.js'
import { nacl } from './nacl.js'

/**
 * Checks a wallet session token, `base58(nacl.sign(json, accountSecretKey))`, against the account's
 * ed25519 public key. Returns false (never throws) for anything that does not verify: the token is
 * opaque by protocol, so callers report the result rather than fail on it.
 */
export function verifySessionToken(session: string, accountPublicKey: Uint8Array): boolean {
  if (accountPublicKey.length !== 32) return false
  try {
    const signed = decodeBase58(session, { label: 'session', maxLength: 8192 })
    if (signed.length < 64) return false
    return nacl.sign.open(signed, accountPublicKey) !== null
  } catch {
    return false
  }
}

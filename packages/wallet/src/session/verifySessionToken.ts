import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { constantTimeEqual } from '../crypto/constantTimeEqual.js'
import { isCluster } from '../deeplink/methods.js'
import { UnauthorizedError } from '../errors/walletRequestError.js'
import type { SessionTokenClaims } from './issueSessionToken.js'

export type VerifySessionTokenParameters = {
  /** The account's 32-byte ed25519 public key. */
  publicKey: Uint8Array
  /** The token issued for this session; when given, `token` must equal it. */
  expected?: string | undefined
  /** Carried by the error so the wallet can still answer the dapp. */
  redirectLink?: string | undefined
}

// A token is a signature (64 bytes) plus small JSON claims; anything much longer is not ours.
const maxTokenLength = 4096

/**
 * Checks that a session token was signed by this account (and, with `expected`, is the one issued for the
 * session), and returns its claims. Throws `UnauthorizedError` (4100) otherwise.
 *
 * @example
 * verifySessionToken(payload.session, { publicKey: account.publicKey, expected: record.session })
 */
export function verifySessionToken(
  token: string,
  parameters: VerifySessionTokenParameters,
): SessionTokenClaims {
  const { publicKey, expected, redirectLink } = parameters
  const unauthorized = (details: string): never => {
    throw new UnauthorizedError('The session token was not issued by this wallet for this session.', {
      details: `${details} Connect again to get a new session.`,
      redirectLink,
    })
  }
  if (typeof token !== 'string' || token.length === 0 || token.length > maxTokenLength)
    return unauthorized('The token is empty or too long.')
  let signed: Uint8Array
  try {
    signed = bs58.decode(token)
  } catch {
    return unauthorized('The token is not base58.')
  }
  if (expected !== undefined) {
    const encoder = new TextEncoder()
    if (!constantTimeEqual(encoder.encode(token), encoder.encode(expected)))
      return unauthorized('The token differs from the one issued for this session.')
  }
  const opened = nacl.sign.open(signed, publicKey)
  if (!opened) return unauthorized('The token is not signed by this account.')
  let claims: unknown
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(opened))
  } catch {
    return unauthorized('The token content is not JSON.')
  }
  if (!isClaims(claims)) return unauthorized('The token content has the wrong shape.')
  return claims
}

function isClaims(value: unknown): value is SessionTokenClaims {
  if (typeof value !== 'object' || value === null) return false
  const claims = value as Record<string, unknown>
  return (
    typeof claims['app_url'] === 'string' &&
    typeof claims['timestamp'] === 'number' &&
    claims['chain'] === 'solana' &&
    (claims['cluster'] === undefined ||
      (typeof claims['cluster'] === 'string' && isCluster(claims['cluster'])))
  )
}

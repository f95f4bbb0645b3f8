import { encryptJson } from '../crypto/encryptJson.js'
import { appendQueryParams } from './appendQueryParams.js'

export type BuildApproveRedirectParameters = {
  /** The session's shared secret, `nacl.box.before(dappEncryptionPublicKey, walletEncryptionSecretKey)`. */
  sharedSecret: Uint8Array
  /** The result JSON to encrypt into `data`, e.g. `{ signature }`. */
  data: unknown
  /** Plaintext params placed before `nonce` and `data`, e.g. `{ phantom_encryption_public_key }` on connect. */
  params?: Record<string, string> | undefined
}

/**
 * Builds the approve answer: `redirectLink` with `nonce` and `data` (the result boxed with a fresh nonce)
 * appended, keeping the link's own query. Without parameters (disconnect) it returns the link unchanged.
 *
 * @example
 * location.href = buildApproveRedirect(request.redirectLink, { sharedSecret, data: { signature } })
 */
export function buildApproveRedirect(
  redirectLink: string,
  parameters?: BuildApproveRedirectParameters,
): string {
  if (!parameters) return appendQueryParams(redirectLink, {})
  const { nonce, data } = encryptJson(parameters.data, parameters.sharedSecret)
  return appendQueryParams(redirectLink, { ...parameters.params, nonce, data })
}

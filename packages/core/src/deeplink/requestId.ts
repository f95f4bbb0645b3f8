import { encodeBase58 } from '../crypto/base58.js'
import { nacl } from '../crypto/nacl.js'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { parseAbsoluteUrl } from './buildConnectUrl.js'

/** The query parameter that carries a request's id in the redirect link, so the answer finds its request. */
export const requestIdParam = 'dapplink_id'

/** A fresh request id: 16 CSPRNG bytes in base58. Unguessable, so a forged answer cannot name a live request. */
export function createRequestId(): string {
  return encodeBase58(nacl.randomBytes(16))
}

/** Whether a value has the shape of a request id (base58, 8-44 characters). */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9A-HJ-NP-Za-km-z]{8,44}$/.test(value)
}

/**
 * Adds `dapplink_id=<requestId>` to the dapp's redirect link; the wallet appends its answer to this URL.
 *
 * @example
 * withRequestId('https://dapp.example/cb?tab=2', 'Abc123xyz') // https://dapp.example/cb?tab=2&dapplink_id=Abc123xyz
 */
export function withRequestId(redirectLink: string, requestId: string): string {
  const url = parseAbsoluteUrl(redirectLink, 'redirect link')
  // Wallets append `&key=value` to the link as a string; a fragment would swallow the answer.
  if (url.hash)
    throw new InvalidArgumentError('The redirect link must not contain a #fragment.', {
      details: `Wallets append their answer to it. Got ${redirectLink}`,
    })
  if (!isRequestId(requestId)) throw new InvalidArgumentError(`The request id "${requestId}" is not valid.`)
  url.searchParams.set(requestIdParam, requestId)
  return url.href
}

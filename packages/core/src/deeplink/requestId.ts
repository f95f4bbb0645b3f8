import nacl from 'tweetnacl'
import { encodeBase58 } from '../crypto/base58.js'
import { InvalidArgumentError } from '../errors/deeplink.js'

/** The query parameter that carries a request's id in the redirect link, so the answer finds its request. */
export const requestIdParam = 'dapplink_id'

const requestIdPattern = /^[1-9A-HJ-NP-Za-km-z]{8,44}$/

/** A fresh request id: 16 CSPRNG bytes in base58. Unguessable, so a forged answer cannot name a live request. */
export function createRequestId(): string {
  return encodeBase58(nacl.randomBytes(16))
}

/** Whether a string has the shape of a request id (base58, 8-44 characters). */
export function isRequestId(value: string): boolean {
  return requestIdPattern.test(value)
}

/**
 * Adds `dapplink_id=<requestId>` to the dapp's redirect link; the wallet appends its answer to this URL.
 *
 * @example
 * withRequestId('https://dapp.example/cb?tab=2', 'Abc123xyz') // https://dapp.example/cb?tab=2&dapplink_id=Abc123xyz
 */
export function withRequestId(redirectLink: string, requestId: string): string {
  let url: URL
  try {
    url = new URL(redirectLink)
  } catch (cause) {
    throw new InvalidArgumentError('The redirect link is not an absolute URL.', {
      details: redirectLink,
      cause,
    })
  }
  // Wallets append `&key=value` to the link as a string; a fragment would swallow the answer.
  if (url.hash !== '')
    throw new InvalidArgumentError('The redirect link must not contain a #fragment.', {
      details: `Wallets append their answer as query parameters; after a fragment the dapp cannot read them. Got ${redirectLink}`,
    })
  if (!isRequestId(requestId)) throw new InvalidArgumentError(`The request id "${requestId}" is not valid.`)
  url.searchParams.set(requestIdParam, requestId)
  return url.toString()
}

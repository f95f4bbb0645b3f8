import { InvalidResponseError } from '../errors/deeplink.js'
import { isRequestId, requestIdParam } from './requestId.js'

/** Default limit on an answer URL's length; base58 decoding is quadratic, so huge answers are refused unread. */
export const defaultMaxResponseUrlLength = 64_000

/** A wallet's answer, split out of the redirect URL but not yet decrypted. */
export type DeeplinkRedirect = {
  /** The `dapplink_id` the dapp put into its redirect link. */
  requestId: string
  /** Every query parameter (each name appears once; duplicates are refused). */
  params: Readonly<Record<string, string>>
  /** Set when the wallet answered `errorCode` (+ `errorMessage`). */
  error: { code: number; message: string | undefined } | null
}

export type ParseRedirectUrlOptions = {
  maxLength?: number | undefined
}

/**
 * Splits a redirect URL into request id, parameters and wallet error. Returns null when the URL is not
 * a dapplink answer (not a URL, or no `dapplink_id`).
 *
 * @throws {InvalidResponseError} for an oversized URL, a duplicated parameter, a malformed id or errorCode.
 */
export function parseRedirectUrl(
  url: string | URL,
  options: ParseRedirectUrlOptions = {},
): DeeplinkRedirect | null {
  const maxLength = options.maxLength ?? defaultMaxResponseUrlLength
  const text = typeof url === 'string' ? url : url.href
  if (typeof text !== 'string') return null
  let parsed: URL
  try {
    parsed = new URL(text)
  } catch {
    return null
  }
  if (!parsed.searchParams.has(requestIdParam)) return null
  if (text.length > maxLength)
    throw new InvalidResponseError(
      `The wallet's answer URL is ${text.length} characters; at most ${maxLength} are accepted.`,
    )

  const params: Record<string, string> = Object.create(null)
  for (const [name, value] of parsed.searchParams) {
    // Two values for one name mean someone edited the URL; picking either would be a guess.
    if (Object.hasOwn(params, name))
      throw new InvalidResponseError(`The wallet's answer repeats the parameter "${name}" (an edited link?).`)
    params[name] = value
  }
  const requestId = params[requestIdParam]!
  if (!isRequestId(requestId))
    throw new InvalidResponseError(`The answer's ${requestIdParam} is not a dapplink request id.`)

  let error: DeeplinkRedirect['error'] = null
  const errorCode = params['errorCode']
  if (errorCode !== undefined) {
    // Wallets send the code as a string ("4001", "-32603").
    if (!/^-?\d{1,9}$/.test(errorCode.trim()))
      throw new InvalidResponseError(`The wallet's errorCode "${errorCode.slice(0, 32)}" is not a number.`)
    error = { code: Number(errorCode.trim()), message: params['errorMessage']?.slice(0, 1000) }
  }
  return { requestId, params, error }
}

import { InvalidRequestError } from '../errors/walletRequestError.js'

// Schemes that would run code or read local data in the wallet's web view instead of returning to the dapp.
const forbiddenSchemes = new Set([
  'javascript:',
  'data:',
  'file:',
  'blob:',
  'vbscript:',
  'about:',
  'filesystem:',
])

// Params the wallet appends; a redirect link that already has them would make the answer ambiguous
// (URLSearchParams.get returns the first value, i.e. the dapp's own, not ours).
const reservedParams = ['nonce', 'data', 'errorCode', 'errorMessage']

/**
 * Checks a `redirect_link`: an absolute http(s) or custom-scheme URL, without the params the wallet appends.
 * Returns the link unchanged (its own query is preserved byte for byte when answering), or throws an
 * `InvalidRequestError` (-32000) that carries no redirect link (there is nowhere safe to answer).
 */
export function validateRedirectLink(value: string, maxLength: number): string {
  if (value.length === 0)
    throw new InvalidRequestError('The "redirect_link" parameter is empty.', {
      details: 'Send the absolute URL the wallet should return to, e.g. https://dapp.example/callback.',
    })
  if (value.length > maxLength)
    throw new InvalidRequestError('The "redirect_link" parameter is too long.', {
      details: `It has ${value.length} characters; at most ${maxLength} are accepted.`,
    })
  let url: URL
  try {
    url = new URL(value)
  } catch (cause) {
    throw new InvalidRequestError('The "redirect_link" parameter is not an absolute URL.', {
      details:
        'Send an absolute http(s) or custom-scheme URL, e.g. https://dapp.example/callback or myapp://callback.',
      cause,
    })
  }
  if (forbiddenSchemes.has(url.protocol))
    throw new InvalidRequestError(`The "redirect_link" uses the forbidden scheme "${url.protocol}".`, {
      details: 'Use an http(s) or app custom-scheme URL.',
    })
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '')
    throw new InvalidRequestError('The "redirect_link" has no host.')
  const params = new URLSearchParams(url.search)
  for (const name of params.keys()) {
    if (reservedParams.includes(name) || name.endsWith('_encryption_public_key'))
      throw new InvalidRequestError(`The "redirect_link" already has a "${name}" query parameter.`, {
        details:
          'The wallet appends that parameter to its answer; rename yours so the answer is unambiguous.',
      })
  }
  return value
}

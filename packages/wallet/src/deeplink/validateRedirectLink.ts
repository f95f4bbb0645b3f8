import { InvalidRequestError } from '../errors/walletRequestError.js'

// Allow-list: the web's two schemes, or an app's own custom scheme. Schemes the browser or the OS acts on
// itself (run code, read local data, launch another app by intent, dial, open a socket) are not an app's.
const webSchemes = new Set(['https:', 'http:'])
const forbiddenSchemes = new Set([
  'javascript:',
  'data:',
  'file:',
  'blob:',
  'vbscript:',
  'about:',
  'filesystem:',
  'intent:',
  'android-app:',
  'content:',
  'chrome:',
  'chrome-extension:',
  'view-source:',
  'jar:',
  'resource:',
  'ws:',
  'wss:',
  'ftp:',
  'mailto:',
  'tel:',
  'sms:',
  'market:',
  'itms-services:',
])
const customSchemeShape = /^[a-z][a-z0-9+.-]*:$/

// Params the wallet appends; a redirect link that already has them would make the answer ambiguous
// (URLSearchParams.get returns the first value, i.e. the dapp's own, not ours).
const reservedParams = ['nonce', 'data', 'errorCode', 'errorMessage']

/**
 * Checks a `redirect_link`: an absolute https/http URL or an app's custom-scheme URL, without the params the
 * wallet appends. `customSchemes` (e.g. `['myapp:']`) narrows the custom schemes to exactly those; by
 * default any scheme shaped like an app's and not acted on by the browser or OS (`intent:`, `tel:`, ...) passes.
 * Returns the link unchanged (its own query is preserved byte for byte when answering), or throws an
 * `InvalidRequestError` (-32000) that carries no redirect link (there is nowhere safe to answer).
 *
 * @example
 * validateRedirectLink('https://dapp.example/callback', 4096) // returns it unchanged
 */
export function validateRedirectLink(
  value: string,
  maxLength: number,
  customSchemes?: readonly string[] | undefined,
): string {
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
  const scheme = url.protocol
  const allowed = webSchemes.has(scheme)
    ? true
    : customSchemes
      ? customSchemes.includes(scheme)
      : customSchemeShape.test(scheme) && !forbiddenSchemes.has(scheme)
  if (!allowed)
    throw new InvalidRequestError(`The "redirect_link" uses the forbidden scheme "${scheme}".`, {
      details: customSchemes
        ? `This wallet answers https, http and ${customSchemes.join(', ')} links only.`
        : "Use an https URL on the app's origin, or the app's own custom scheme.",
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

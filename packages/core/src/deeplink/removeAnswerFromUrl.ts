import { requestIdParam } from './requestId.js'

// The parameters a wallet adds to the redirect link (docs/protocol.md), and the one dapplink adds.
const answerParams = [requestIdParam, 'nonce', 'data', 'errorCode', 'errorMessage']

/**
 * The URL without the wallet's answer in its query (keeps the dapp's own parameters and the fragment), so
 * that a reload does not hand the same answer in again.
 *
 * @example
 * removeAnswerFromUrl('https://dapp.example/?tab=2&dapplink_id=4Rf...&nonce=..&data=..') // 'https://dapp.example/?tab=2'
 */
export function removeAnswerFromUrl(url: string): string {
  const parsed = new URL(url)
  for (const name of [...parsed.searchParams.keys()])
    if (answerParams.includes(name) || name.endsWith('_encryption_public_key'))
      parsed.searchParams.delete(name)
  return parsed.href.replace(/\?(?=#|$)/, '')
}

/**
 * Takes a handled answer out of the address bar with `history.replaceState` when it came in through it,
 * and does nothing elsewhere (another URL, no window). The wallet client passes it as `replaceUrl`.
 */
export function replaceAnswerUrl(answerUrl: string): void {
  const { location, history } =
    (
      globalThis as {
        window?: {
          location?: { href?: string }
          history?: { state: unknown; replaceState?: (...args: unknown[]) => void }
        }
      }
    ).window ?? {}
  if (location?.href === answerUrl) history?.replaceState?.(history.state, '', removeAnswerFromUrl(answerUrl))
}

import { isDeeplinkMethod } from '@dapplink/wallet'

/** The path prefix of the wallet's deeplink profile: `http://<host>/ul/v1/<method>`. */
export const profilePath = '/ul/v1/'

/** Which screen a URL opens. */
export type Route =
  /** A deeplink request to answer (the whole URL is handed to the kit's parser). */
  | { kind: 'deeplink'; url: string }
  /** A relay wallet link: `/ul/v1/pair#uri=<pairing URI>`, read by the kit's `parsePairingLink` (which names what is wrong). */
  | { kind: 'pair'; link: string }
  /** A MetaMask Mobile Wallet Protocol link: `/ul/v1/mwp#link=<metamask://connect/mwp?p=…&c=1>`. */
  | { kind: 'metamask'; link: string }
  /** A relay wake-up link: `/ul/v1/relay#channel=<channel id>`. */
  | { kind: 'wake'; channel: string }
  /** A relay link that cannot be used, with the reason to show. */
  | { kind: 'badLink'; message: string }
  /** Any other `/ul/v1/<name>` path: a method this wallet does not know (the kit answers it -32601). */
  | { kind: 'unknownMethod'; url: string; method: string }
  | { kind: 'home' }

/**
 * Reads the route from the page URL. Pure: the app passes `location.href`.
 *
 * @example
 * readRoute('http://localhost:5175/ul/v1/relay#channel=AAAA') // { kind: 'wake', channel: 'AAAA' }
 */
export function readRoute(href: string): Route {
  const url = new URL(href)
  if (!url.pathname.startsWith(profilePath)) return { kind: 'home' }
  const method = url.pathname.slice(profilePath.length)
  // Pairing data travels in the fragment so it never reaches a server log (docs/protocol.md section 2).
  const fragment = new URLSearchParams(url.hash.slice(1))
  if (method === 'pair') return { kind: 'pair', link: href }
  if (method === 'mwp') {
    const link = fragment.get('link')
    return link ? { kind: 'metamask', link } : { kind: 'home' }
  }
  if (method === 'relay') {
    // `/ul/v1/relay` without a fragment is where a paired tab rests, so that wake-up links reach it in place.
    if (url.hash === '' || url.hash === '#') return { kind: 'home' }
    const channel = fragment.get('channel')
    return channel
      ? { kind: 'wake', channel }
      : { kind: 'badLink', message: 'This wake-up link names no session (its "#channel=" part is missing).' }
  }
  if (isDeeplinkMethod(method)) return { kind: 'deeplink', url: href }
  if (method === '') return { kind: 'home' }
  return { kind: 'unknownMethod', url: href, method }
}

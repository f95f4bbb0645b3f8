import { InvalidRequestError } from '../errors/walletRequestError.js'

/** Who a deeplink request really comes from, as far as the wallet can tell. */
export type AppOrigin = {
  /**
   * What to show as the dapp's identity: `app_url`'s origin when the answer goes back to that origin
   * (`https://jup.ag`), else the redirect target's scheme (`myapp:`), the only thing the answer is bound to.
   */
  appIdentity: string
  /**
   * True when `redirect_link` is a web URL with the same origin as `app_url`: the app URL shown is where
   * the answer goes. False for a custom-scheme redirect (a native app): then `app_url` is an unverified
   * claim and the wallet must say so.
   */
  appUrlVerified: boolean
}

const isWeb = (url: URL) => url.protocol === 'https:' || url.protocol === 'http:'

/**
 * Binds a request's `redirect_link` to its `app_url`: a web redirect link must have `app_url`'s origin
 * (else `app_url=https://jup.ag&redirect_link=https://evil.example/x` would show "jup.ag" and send the
 * answer to evil.example); a custom-scheme one is accepted but flagged, and its scheme becomes the identity.
 * Throws `InvalidRequestError` without a redirect link (there is nowhere trustworthy to answer).
 *
 * @example
 * bindAppOrigin('https://jup.ag', 'https://jup.ag/swap') // { appIdentity: 'https://jup.ag', appUrlVerified: true }
 * bindAppOrigin('https://jup.ag', 'jupiter://done') // { appIdentity: 'jupiter:', appUrlVerified: false }
 */
export function bindAppOrigin(appUrl: string, redirectLink: string): AppOrigin {
  const app = new URL(appUrl)
  const redirect = new URL(redirectLink)
  if (!isWeb(redirect)) return { appIdentity: redirect.protocol, appUrlVerified: false }
  if (redirect.origin !== app.origin)
    throw new InvalidRequestError(
      `The redirect_link goes to ${redirect.origin}, not to the app's origin ${app.origin}.`,
      {
        details:
          'A web dapp must send a redirect_link on its own origin (the one in app_url), or the answer could go to another site.',
      },
    )
  return { appIdentity: app.origin, appUrlVerified: true }
}

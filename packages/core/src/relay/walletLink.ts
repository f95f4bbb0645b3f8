import { encodeBase64Url } from './base64url.js'

/**
 * The window name for the wallet tab a dapp opens: give the "Open in wallet" link `target={walletWindowName}`
 * (and no `rel="noopener"`, or the browser cannot find the tab again), and `wakeUp()` reuses that paired tab
 * instead of opening a second one. The wallet link's page then rests at `<walletLinkBaseUrl>relay`, so the
 * wake-up link only changes its fragment and the page (with its session) stays.
 *
 * @example
 * <a href={walletLink} target={walletWindowName}>Open in wallet</a>
 */
export const walletWindowName = 'dapplink-wallet'

/**
 * The link that opens a wallet app on the phone with the pairing URI in its fragment (never sent to a web
 * server): `<walletLinkBaseUrl>pair#uri=<urlencoded pairing URI>`.
 *
 * @example
 * buildWalletLink('https://wallet.example/dl/', pairingUri) // 'https://wallet.example/dl/pair#uri=dapplink%3Apair...'
 */
export function buildWalletLink(walletLinkBaseUrl: string, pairingUri: string): string {
  return `${walletLinkBaseUrl}pair#uri=${encodeURIComponent(pairingUri)}`
}

/**
 * The link that brings a paused wallet back to the foreground: `<walletLinkBaseUrl>relay#channel=<b64u(C)>`.
 */
export function buildWakeUpLink(walletLinkBaseUrl: string, channelId: Uint8Array): string {
  return `${walletLinkBaseUrl}relay#channel=${encodeBase64Url(channelId)}`
}

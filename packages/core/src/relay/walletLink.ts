import { encodeBase64Url } from './base64url.js'

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

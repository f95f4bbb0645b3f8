import { type CreateWalletClientParameters, defineWalletProfile, type WalletProfile } from '@dapplink/core'
import type { DemoSettings } from '../config/demoSettings.js'

/** The id of the reference wallet's deeplink profile in the demo's client. */
export const referenceWalletId = 'reference'

/** The reference wallet (apps/wallet) as a Phantom-compatible deeplink wallet at `<walletUrl>/ul/v1/`. */
export function referenceWalletProfile(walletUrl: string): WalletProfile {
  return defineWalletProfile({
    id: referenceWalletId,
    name: 'Reference wallet',
    baseUrl: `${walletUrl}/ul/v1/`,
    encryptionPublicKeyParam: 'phantom_encryption_public_key',
  })
}

export type CreateDemoConfigParameters = {
  settings: DemoSettings
  /** The dapp's own URL (the page origin). */
  appUrl: string
  appName: string
  /** The MetaMask session's `quietAfterMs` (see readMwpQuietAfterMs); the SDK's default without it. */
  mwpQuietAfterMs?: number | undefined
}

/** The wallet client config of the demo: the reference wallet by deeplink, the relay and MetaMask's protocol for QR pairing. */
export function createDemoConfig(parameters: CreateDemoConfigParameters): CreateWalletClientParameters {
  const { settings, appUrl, appName, mwpQuietAfterMs } = parameters
  const walletLinkBaseUrl = `${settings.walletUrl}/ul/v1/`
  return {
    appUrl,
    appName,
    wallets: [referenceWalletProfile(settings.walletUrl)],
    // wakeUp() opens its link in the wallet tab the demo opened (walletWindowName) or a new one, so the page
    // and its relay session stay. The app hints stay out of the QR code: two versions smaller, and the wallet
    // gets them, authenticated, in `connect`.
    relay: { url: settings.relayUrl, walletLinkBaseUrl, appInPairingUri: false },
    // The local stand-in for MetaMask's hosted relay; chain 1 so the EIP-1193 provider has an account.
    metamask: {
      relayUrl: settings.mwpRelayUrl,
      evmChainIds: [1],
      ...(mwpQuietAfterMs === undefined ? {} : { quietAfterMs: mwpQuietAfterMs }),
    },
  }
}

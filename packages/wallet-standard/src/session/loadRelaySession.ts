// Loaded with import() when the user picks the QR code wallet.

import { InvalidArgumentError } from '@dapplink/core/relay'
import type { PairingModalView } from '../modal/openPairingModal.js'
import type { DapplinkAppParameters, RelayWalletParameters } from '../registerDapplinkWallets.js'
import { createRelayWalletSession, type PairingSurface } from './createRelayWalletSession.js'
import type { WalletSession } from './walletSession.js'

/** The session of the QR code wallet: relay pairings shown in the modal (or the dapp's own surface). */
export function loadRelaySession(
  app: DapplinkAppParameters,
  relay: RelayWalletParameters,
  walletName: string,
): WalletSession {
  const { walletName: _name, showPairing, url, ...relayOptions } = relay
  const { appUrl, appIcon, cluster } = app
  let appName = app.appName
  if (appName === undefined) {
    try {
      appName = new URL(appUrl).host
    } catch (cause) {
      throw new InvalidArgumentError('The appUrl is not an absolute URL.', { details: appUrl, cause })
    }
  }
  return createRelayWalletSession({
    relay: {
      ...relayOptions,
      relayUrl: url,
      app: { name: appName, url: appUrl, ...(appIcon === undefined ? {} : { icon: appIcon }) },
      cluster,
    },
    showPairing:
      showPairing ??
      (async (view: PairingModalView): Promise<PairingSurface> => {
        const { openPairingModal } = await import('../modal/openPairingModal.js')
        return openPairingModal({ walletName, view })
      }),
  })
}

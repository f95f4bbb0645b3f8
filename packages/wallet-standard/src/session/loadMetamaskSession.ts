// Loaded with import() when the user picks the MetaMask Mobile wallet.

import { InvalidArgumentError } from '@dapplink/core'
import type { PairingModalView } from '../modal/openPairingModal.js'
import type { DapplinkAppParameters, MetamaskWalletParameters } from '../registerDapplinkWallets.js'
import { createMetamaskWalletSession } from './createMetamaskWalletSession.js'
import type { PairingSurface } from './createRelayWalletSession.js'
import type { WalletSession } from './walletSession.js'

/** The session of the MetaMask Mobile wallet: MWP pairings shown in the modal (or the dapp's own surface). */
export function loadMetamaskSession(
  app: DapplinkAppParameters,
  metamask: MetamaskWalletParameters,
  walletName: string,
): WalletSession {
  const { walletName: _name, showPairing, ...sessionOptions } = metamask
  const { appUrl, appIcon, cluster } = app
  let appName = app.appName
  if (appName === undefined) {
    try {
      appName = new URL(appUrl).host
    } catch (cause) {
      throw new InvalidArgumentError('The appUrl is not an absolute URL.', { details: appUrl, cause })
    }
  }
  return createMetamaskWalletSession({
    metamask: {
      ...sessionOptions,
      dapp: { name: appName, url: appUrl, ...(appIcon === undefined ? {} : { iconUrl: appIcon }) },
      cluster,
    },
    showPairing:
      showPairing ??
      (async (view: PairingModalView): Promise<PairingSurface> => {
        const { openPairingModal } = await import('../modal/openPairingModal.js')
        return openPairingModal({
          walletName,
          view,
          hint: 'Scan the QR code with MetaMask Mobile, then approve the connection there.',
        })
      }),
  })
}

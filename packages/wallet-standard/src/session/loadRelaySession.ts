// Loaded with import() when the user picks the QR code wallet: the wallet client with the relay (whose own
// socket code loads with one more import() on connect) and, on connect, the modal.

import { createWalletClient, type WalletState } from '@dapplink/core'
import type { DapplinkAppParameters, RelayWalletParameters } from '../registerDapplinkWallets.js'
import { createClientSession, type PairingSurface } from './createClientSession.js'
import type { WalletSession } from './walletSession.js'

/** The session of the QR code wallet: a relay pairing shown in the modal. */
export function loadRelaySession(
  app: DapplinkAppParameters,
  relay: RelayWalletParameters,
  walletName: string,
): WalletSession {
  const { walletName: _name, showPairing, ...relayOptions } = relay
  const client = createWalletClient({ ...app, wallets: [], relay: relayOptions })
  return createClientSession({
    client,
    target: { transport: 'relay' },
    showPairing:
      showPairing ??
      (async (state: WalletState): Promise<PairingSurface> => {
        const { openPairingModal } = await import('../modal/openPairingModal.js')
        return openPairingModal({ walletName, view: state })
      }),
  })
}

'use client'
import { walletWindowName } from '@dapplink/core'
import type { UseWalletReturnType } from '@dapplink/react'
import { type DemoSettings, referenceWalletMwpLink, showsPairingQr } from '@dapplink-app/demo-shared'
import { PairingQr } from './PairingQr.js'

export type PairingPanelProps = {
  wallet: UseWalletReturnType
  settings: DemoSettings
  verificationCode: string | null
}

/** While pairing: the QR code, the link that opens the pairing in the wallet, and the codes to compare. */
export function PairingPanel({ wallet, settings, verificationCode }: PairingPanelProps) {
  const { status, transport, pairingUri, walletLink } = wallet
  // MetaMask's own link opens MetaMask Mobile; on this machine the reference wallet answers it at /ul/v1/mwp.
  const openInWalletHref =
    transport === 'metamask' && pairingUri
      ? referenceWalletMwpLink({
          walletUrl: settings.walletUrl,
          mwpRelayUrl: settings.mwpRelayUrl,
          pairingUri,
        })
      : walletLink
  return (
    <>
      {pairingUri && showsPairingQr({ pairingUri, verificationCode, status }) && (
        <div className="pairing" data-testid="pairing">
          <PairingQr value={pairingUri} />
          <div>
            <p className="muted">Scan with the wallet, or open the pairing in the wallet on this device.</p>
            {openInWalletHref && (
              <a
                className="button"
                data-testid="open-in-wallet"
                href={openInWalletHref}
                // A named tab (no noopener), so that "Wake up the wallet" reuses it.
                target={walletWindowName}
              >
                Open in wallet
              </a>
            )}
          </div>
        </div>
      )}
      {verificationCode && status === 'connecting' && (
        <p className="muted" data-testid="compare-codes">
          Check that the wallet shows the same verification code.
        </p>
      )}
    </>
  )
}

'use client'
import type { UseWalletReturnType } from '@dapplink/react'
import { type DemoSettings, referenceWalletId } from '@dapplink-app/demo-shared'
import { PairingPanel } from './PairingPanel.js'
import { PausedNotice } from './PausedNotice.js'

export type ConnectionCardProps = {
  wallet: UseWalletReturnType
  settings: DemoSettings
  verificationCode: string | null
  /** The demo's own step in progress (reading the balance, an airdrop), or null. */
  activity: string | null
  onCancelRequest: () => void
  onDisconnect: () => void
}

/** The connection: status, transport, account, the code to compare, the pairing, and the connect buttons. */
export function ConnectionCard({
  wallet,
  settings,
  verificationCode,
  activity,
  onCancelRequest,
  onDisconnect,
}: ConnectionCardProps) {
  const { status, connected, publicKey, transport, pendingMethod } = wallet
  return (
    <section className="card" data-testid="connection-card">
      <h2>Connection</h2>
      <dl>
        <dt>Status</dt>
        <dd>
          <span className="badge" data-testid="status" data-status={status}>
            {status}
          </span>
        </dd>
        <dt>Transport</dt>
        <dd data-testid="transport">{transport ?? '—'}</dd>
        <dt>Public key</dt>
        <dd className="mono" data-testid="public-key">
          {publicKey ?? '—'}
        </dd>
        <dt>Verification code</dt>
        <dd data-testid="verification-code" className={verificationCode ? 'code' : ''}>
          {verificationCode ?? '—'}
        </dd>
        <dt>Waiting for</dt>
        <dd>
          <span data-testid="pending-method">{pendingMethod ?? activity ?? '—'}</span>{' '}
          {pendingMethod !== null && pendingMethod !== 'connect' && pendingMethod !== 'disconnect' && (
            <button
              type="button"
              className="secondary"
              data-testid="cancel-request"
              onClick={onCancelRequest}
            >
              Cancel
            </button>
          )}
        </dd>
      </dl>

      <PairingPanel wallet={wallet} settings={settings} verificationCode={verificationCode} />

      {status === 'paused' && <PausedNotice onWakeUp={() => wallet.wakeUp()} />}

      <div className="row">
        {!connected && status !== 'connecting' && (
          <>
            <button
              type="button"
              data-testid="connect-deeplink"
              onClick={() => wallet.connect({ wallet: referenceWalletId })}
            >
              Connect by deeplink
            </button>
            <button
              type="button"
              data-testid="connect-relay"
              onClick={() => wallet.connect({ transport: 'relay' })}
            >
              Connect by QR code (relay)
            </button>
            <button
              type="button"
              data-testid="connect-metamask"
              onClick={() => wallet.connect({ transport: 'metamask' })}
            >
              MetaMask Mobile
            </button>
          </>
        )}
        {(connected || status === 'connecting') && (
          <button type="button" className="secondary" data-testid="disconnect" onClick={onDisconnect}>
            {connected ? 'Disconnect' : 'Cancel'}
          </button>
        )}
      </div>
    </section>
  )
}

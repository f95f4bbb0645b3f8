'use client'
import { walletWindowName } from '@dapplink/core'
import {
  type DemoSettings,
  defaultMessage,
  formatSol,
  formatSolChange,
  referenceWalletId,
  referenceWalletMwpLink,
  showsPairingQr,
  transferLamports,
} from '@dapplink-app/demo-shared'
import { useState } from 'react'
import { ErrorBanner } from '../components/ErrorBanner.js'
import { EvmPersonalSign } from '../components/EvmPersonalSign.js'
import { PairingQr } from '../components/PairingQr.js'
import { SettingsCard } from '../components/SettingsCard.js'
import { VerifiedMark } from '../components/VerifiedMark.js'
import { useDemoActions } from './useDemoActions.js'

export type AppProps = { settings: DemoSettings; settingsProblems: string[] }

export function App({ settings, settingsProblems }: AppProps) {
  const { wallet, results, personalSign, balance, activity, demoError, actions, verificationCode } =
    useDemoActions(settings.rpcUrl)
  const [message, setMessage] = useState(defaultMessage)
  const { status, connected, publicKey, transport, pairingUri, walletLink, pendingMethod } = wallet
  // A paused relay session still takes requests: they wait in the relay queue until the wallet is back.
  const idle = connected && pendingMethod === null && activity === null
  const transfer = results.transfer
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
    <main>
      <header>
        <h1>dapplink · React demo</h1>
        <p>@dapplink/react with the reference wallet, the relay and a local Solana cluster</p>
      </header>

      <ErrorBanner walletError={wallet.error} demoError={demoError} onDismiss={actions.dismissError} />

      <div className="grid">
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
                  onClick={actions.cancel}
                >
                  Cancel
                </button>
              )}
            </dd>
          </dl>

          {pairingUri && showsPairingQr({ pairingUri, verificationCode, status }) && (
            <div className="pairing" data-testid="pairing">
              <PairingQr value={pairingUri} />
              <div>
                <p className="muted">
                  Scan with the wallet, or open the pairing in the wallet on this device.
                </p>
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

          {status === 'paused' && (
            <div className="notice" data-testid="paused-notice">
              The wallet is in the background. Requests wait in the relay queue until it comes back.{' '}
              <button
                type="button"
                className="secondary"
                data-testid="wake-up"
                onClick={() => wallet.wakeUp()}
              >
                Wake up the wallet
              </button>
            </div>
          )}

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
              <button
                type="button"
                className="secondary"
                data-testid="disconnect"
                onClick={actions.disconnect}
              >
                {connected ? 'Disconnect' : 'Cancel'}
              </button>
            )}
          </div>
        </section>

        <section className="card" data-testid="account-card">
          <h2>Account on the local cluster</h2>
          <dl>
            <dt>Balance</dt>
            <dd className="balance" data-testid="balance" data-lamports={balance ?? ''}>
              {balance === null ? '—' : formatSol(balance)}
            </dd>
          </dl>
          <div className="row">
            <button
              type="button"
              className="secondary"
              data-testid="refresh-balance"
              disabled={!publicKey}
              onClick={actions.refreshBalance}
            >
              Refresh
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="airdrop"
              disabled={!publicKey || activity !== null}
              onClick={actions.airdrop}
            >
              Airdrop 1 SOL
            </button>
          </div>
          <p className="muted">
            The wallet pays the transfer and its fee from this account; use the airdrop to fund it first.
          </p>
        </section>

        <section className="card wide" data-testid="actions-card">
          <h2>Ask the wallet</h2>

          <div className="action">
            <h3>signMessage</h3>
            <div className="row">
              <input
                data-testid="message-input"
                value={message}
                onChange={(event) => setMessage(event.target.value)}
              />
              <button
                type="button"
                data-testid="sign-message"
                disabled={!idle}
                onClick={() => actions.signMessage(message)}
              >
                Sign message
              </button>
            </div>
            {results.message && (
              <dl>
                <dt>Message</dt>
                <dd data-testid="signed-message-text">{results.message.text}</dd>
                <dt>Signature</dt>
                <dd className="mono" data-testid="message-signature">
                  {results.message.signature}
                </dd>
                <dt>Check</dt>
                <dd>
                  <VerifiedMark ok={results.message.verified} testId="message-verified" />
                </dd>
              </dl>
            )}
          </div>

          <div className="action">
            <h3>signTransaction · signAllTransactions</h3>
            <div className="row">
              <button
                type="button"
                data-testid="sign-transaction"
                disabled={!idle}
                onClick={actions.signTransaction}
              >
                Sign a transaction
              </button>
              <button
                type="button"
                data-testid="sign-all-transactions"
                disabled={!idle}
                onClick={actions.signAllTransactions}
              >
                Sign 2 transactions
              </button>
            </div>
            {(results.signedTransaction || results.signedAll) && (
              <dl>
                {results.signedTransaction && (
                  <>
                    <dt>Signed transaction</dt>
                    <dd>
                      <span className="mono" data-testid="transaction-signature">
                        {results.signedTransaction.signature ?? 'no signature'}
                      </span>{' '}
                      <VerifiedMark ok={results.signedTransaction.verified} testId="transaction-verified" />
                    </dd>
                  </>
                )}
                {results.signedAll && (
                  <>
                    <dt>Signed all</dt>
                    <dd>
                      <span data-testid="signed-all-count">{results.signedAll.count}</span> transactions{' '}
                      <VerifiedMark ok={results.signedAll.verified} testId="signed-all-verified" />
                    </dd>
                  </>
                )}
              </dl>
            )}
          </div>

          {transport === 'metamask' && (
            <EvmPersonalSign
              message={message}
              disabled={!idle}
              result={personalSign}
              onSign={actions.evmPersonalSign}
            />
          )}

          <div className="action">
            <h3>signAndSendTransaction</h3>
            <div className="row">
              <button
                type="button"
                data-testid="sign-and-send"
                disabled={!idle}
                onClick={actions.signAndSendTransaction}
              >
                Send {formatSol(transferLamports)} to a new address
              </button>
            </div>
            {transfer && (
              <dl>
                <dt>Signature</dt>
                <dd className="mono" data-testid="transfer-signature">
                  {transfer.signature}
                </dd>
                <dt>Recipient</dt>
                <dd className="mono" data-testid="transfer-recipient">
                  {transfer.recipient}
                </dd>
                <dt>Balance before</dt>
                <dd data-testid="balance-before" data-lamports={transfer.balanceBefore}>
                  {formatSol(transfer.balanceBefore)}
                </dd>
                <dt>Balance after</dt>
                <dd data-testid="balance-after" data-lamports={transfer.balanceAfter}>
                  {formatSol(transfer.balanceAfter)}
                </dd>
                <dt>Change</dt>
                <dd
                  data-testid="balance-change"
                  data-lamports={transfer.balanceAfter - transfer.balanceBefore}
                >
                  <strong>{formatSolChange(transfer.balanceAfter - transfer.balanceBefore)}</strong>{' '}
                  <span className="muted">(amount + network fee)</span>
                </dd>
              </dl>
            )}
          </div>
        </section>

        <SettingsCard settings={settings} problems={settingsProblems} />
      </div>
    </main>
  )
}

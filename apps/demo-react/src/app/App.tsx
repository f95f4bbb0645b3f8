'use client'
import { type DemoSettings, defaultMessage } from '@dapplink-app/demo-shared'
import { useState } from 'react'
import { AccountCard } from '../components/AccountCard.js'
import { ConnectionCard } from '../components/ConnectionCard.js'
import { ErrorBanner } from '../components/ErrorBanner.js'
import { EvmPersonalSign } from '../components/EvmPersonalSign.js'
import { SettingsCard } from '../components/SettingsCard.js'
import { SignAndSendAction } from '../components/SignAndSendAction.js'
import { SignMessageAction } from '../components/SignMessageAction.js'
import { SignTransactionsAction } from '../components/SignTransactionsAction.js'
import { useDemoActions } from './useDemoActions.js'

export type AppProps = { settings: DemoSettings; settingsProblems: string[] }

export function App({ settings, settingsProblems }: AppProps) {
  const { wallet, results, personalSign, balance, activity, demoError, actions, verificationCode } =
    useDemoActions(settings.rpcUrl)
  const [message, setMessage] = useState(defaultMessage)
  const { connected, publicKey, transport, pendingMethod } = wallet
  // A paused relay session still takes requests: they wait in the relay queue until the wallet is back.
  const idle = connected && pendingMethod === null && activity === null

  return (
    <main>
      <header>
        <h1>dapplink · React demo</h1>
        <p>@dapplink/react with the reference wallet, the relay and a local Solana cluster</p>
      </header>

      <ErrorBanner walletError={wallet.error} demoError={demoError} onDismiss={actions.dismissError} />

      <div className="grid">
        <ConnectionCard
          wallet={wallet}
          settings={settings}
          verificationCode={verificationCode}
          activity={activity}
          onCancelRequest={actions.cancel}
          onDisconnect={actions.disconnect}
        />

        <AccountCard
          publicKey={publicKey}
          balance={balance}
          activity={activity}
          onRefresh={actions.refreshBalance}
          onAirdrop={actions.airdrop}
        />

        <section className="card wide" data-testid="actions-card">
          <h2>Ask the wallet</h2>
          <SignMessageAction
            message={message}
            onMessageChange={setMessage}
            disabled={!idle}
            result={results.message}
            onSign={actions.signMessage}
          />
          <SignTransactionsAction
            disabled={!idle}
            signedTransaction={results.signedTransaction}
            signedAll={results.signedAll}
            onSignTransaction={actions.signTransaction}
            onSignAllTransactions={actions.signAllTransactions}
          />
          {transport === 'metamask' && (
            <EvmPersonalSign
              message={message}
              disabled={!idle}
              result={personalSign}
              onSign={actions.evmPersonalSign}
            />
          )}
          <SignAndSendAction
            disabled={!idle}
            transfer={results.transfer}
            onSend={actions.signAndSendTransaction}
          />
        </section>

        <SettingsCard settings={settings} problems={settingsProblems} />
      </div>
    </main>
  )
}

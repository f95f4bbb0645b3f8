'use client'
import type { DemoSettings } from '@dapplink-app/demo-shared'

/** Where this page finds the wallet, the relays and the cluster, and why a query value was ignored. */
export function SettingsCard({ settings, problems }: { settings: DemoSettings; problems: string[] }) {
  return (
    <section className="card wide" data-testid="settings-card">
      <h2>Settings</h2>
      <dl>
        <dt>Wallet</dt>
        <dd className="mono" data-testid="setting-wallet-url">
          {settings.walletUrl}
        </dd>
        <dt>Relay</dt>
        <dd className="mono" data-testid="setting-relay-url">
          {settings.relayUrl}
        </dd>
        <dt>Cluster RPC</dt>
        <dd className="mono" data-testid="setting-rpc-url">
          {settings.rpcUrl}
        </dd>
        <dt>MetaMask relay</dt>
        <dd className="mono" data-testid="setting-mwp-relay-url">
          {settings.mwpRelayUrl}
        </dd>
      </dl>
      {problems.map((problem) => (
        <p key={problem} className="notice" data-testid="settings-problem">
          {problem}
        </p>
      ))}
      <p className="muted">
        Override with ?walletUrl=&amp;relayUrl=&amp;rpcUrl=&amp;mwpRelayUrl= (kept for this tab).
      </p>
    </section>
  )
}

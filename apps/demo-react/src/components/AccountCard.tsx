'use client'
import { formatSol } from '@dapplink-app/demo-shared'

export type AccountCardProps = {
  publicKey: string | null
  /** Lamports, or null before the first read. */
  balance: number | null
  /** The demo's own step in progress, or null: an airdrop waits for it. */
  activity: string | null
  onRefresh: () => void
  onAirdrop: () => void
}

/** The connected account's balance on the local cluster, with Refresh and the airdrop that funds it. */
export function AccountCard({ publicKey, balance, activity, onRefresh, onAirdrop }: AccountCardProps) {
  return (
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
          onClick={onRefresh}
        >
          Refresh
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="airdrop"
          disabled={!publicKey || activity !== null}
          onClick={onAirdrop}
        >
          Airdrop 1 SOL
        </button>
      </div>
      <p className="muted">
        The wallet pays the transfer and its fee from this account; use the airdrop to fund it first.
      </p>
    </section>
  )
}

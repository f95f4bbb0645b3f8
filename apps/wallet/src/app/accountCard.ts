import { DapplinkError } from '@dapplink/core'
import type { RpcClient } from '../rpc/createRpcClient.js'
import { formatLamports } from '../transaction/formatLamports.js'
import { h } from '../ui/h.js'
import type { StatusTone } from './walletContext.js'

export type CreateAccountCardParameters = {
  /** base58 of the account's public key. */
  publicKey: string
  rpc: RpcClient
  setStatus: (text: string, tone?: StatusTone) => void
}

export type AccountCard = {
  element: HTMLElement
  /** Reads the balance from the RPC node; a failure shows "unavailable" and says why in the status line. */
  refreshBalance: () => Promise<void>
}

/** The account card: public key, balance on the RPC node, Refresh and "Airdrop 1 SOL". */
export function createAccountCard({ publicKey, rpc, setStatus }: CreateAccountCardParameters): AccountCard {
  const balance = h('span', { class: 'balance', testid: 'balance', 'data-lamports': '' }, '…')
  const refreshBalance = async () => {
    try {
      const lamports = await rpc.getBalance(publicKey)
      balance.textContent = formatLamports(lamports)
      balance.dataset['lamports'] = lamports.toString()
    } catch (error) {
      balance.textContent = 'unavailable'
      balance.dataset['lamports'] = ''
      setStatus(
        `Balance: ${error instanceof DapplinkError ? error.shortMessage : 'the RPC node failed.'}`,
        'error',
      )
    }
  }
  const airdrop = h('button', { class: 'secondary', testid: 'airdrop', type: 'button' }, 'Airdrop 1 SOL')
  airdrop.addEventListener('click', async () => {
    airdrop.disabled = true
    try {
      setStatus('Requesting an airdrop of 1 SOL…')
      const signature = await rpc.requestAirdrop(publicKey, 1_000_000_000n)
      const confirmation = await rpc.confirmTransaction(signature)
      setStatus(
        confirmation === 'timeout' ? 'Airdrop sent, not yet confirmed.' : 'Airdrop of 1 SOL confirmed.',
        'success',
      )
      await refreshBalance()
    } catch (error) {
      setStatus(
        `Airdrop failed: ${error instanceof DapplinkError ? error.shortMessage : 'unknown error'}`,
        'error',
      )
    } finally {
      airdrop.disabled = false
    }
  })
  const refresh = h(
    'button',
    { class: 'secondary', testid: 'refresh-balance', type: 'button', onclick: () => void refreshBalance() },
    'Refresh',
  )
  const element = h(
    'section',
    { class: 'card account' },
    h('h2', {}, 'Account'),
    h('div', { class: 'label' }, 'Public key'),
    h('div', { class: 'mono pubkey', testid: 'public-key' }, publicKey),
    h('div', { class: 'label' }, 'Balance on ', h('span', { class: 'mono', testid: 'rpc-url' }, rpc.url)),
    balance,
    h('div', { class: 'actions' }, refresh, airdrop),
  )
  return { element, refreshBalance }
}

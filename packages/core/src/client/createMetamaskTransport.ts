// Loaded with import() by createWalletClient: the MetaMask Mobile Wallet Protocol code (Centrifugo client,
// ECIES, handshake) is its own chunk, which deeplink-only and relay-only dapps never download.

import { InvalidResponseError } from '../errors/deeplink.js'
import { MetamaskSessionClosedError } from '../errors/metamask.js'
import {
  type CreateMetamaskSessionParameters,
  createMetamaskSession,
} from '../metamask/createMetamaskSession.js'
import { createEthereumProvider, type EthereumProvider } from '../metamask/ethereumProvider.js'
import { solanaScopes } from '../metamask/multichainApi.js'
import {
  pickSolanaAccount,
  type SolanaAccount,
  signAllSolanaTransactions,
  signAndSendSolanaTransaction,
  signSolanaMessage,
  signSolanaTransaction,
} from '../metamask/solanaMethods.js'
import type { TransportContext, WalletTransport } from './walletTransport.js'

/** Options of the MetaMask transport: everything `createMetamaskSession` takes. */
export type MetamaskTransportParameters = CreateMetamaskSessionParameters

/** The MetaMask transport adds the wake-up link and the EIP-1193 provider over the same session. */
export type MetamaskWalletTransport = WalletTransport & {
  readonly type: 'metamask'
  wakeUp(): void
  getEthereumProvider(): EthereumProvider
}

/**
 * Pairs with MetaMask Mobile over the Mobile Wallet Protocol and reports the lifecycle to the wallet client:
 * the pairing URI (renewed before it expires), connected ⇄ paused / reconnecting, and the end with its reason.
 */
export function createMetamaskTransport(
  parameters: MetamaskTransportParameters,
  context: TransportContext,
): MetamaskWalletTransport {
  const session = createMetamaskSession(parameters)
  const preferredScope = solanaScopes[parameters.cluster ?? 'mainnet-beta']
  let account: SolanaAccount | undefined
  let connecting = false
  let destroyed = false
  let provider: EthereumProvider | undefined

  const unwatch = session.watchState((state) => {
    if (destroyed) return
    if (state.status === 'cleared') {
      // A pending connect() rejects with the typed cause; our own disconnect() is no error.
      if (!connecting) context.update({ status: 'disconnected', error: state.error })
      return
    }
    if (state.status === 'pairing' || !account) {
      context.update({ status: 'connecting', pairingUri: state.pairingUri, walletLink: state.walletLink })
      return
    }
    const status = state.status === 'paused' || state.status === 'reconnecting' ? state.status : 'connected'
    context.update({ status, pairingUri: null, walletLink: null })
  })
  const unlisten = session.onNotification((_, method, params) => {
    // MetaMask's Solana account switch: wallet_notify carrying metamask_accountsChanged [address].
    const notification =
      (params as { scope?: unknown; notification?: { method?: unknown; params?: unknown } } | null) ?? {}
    if (method !== 'wallet_notify' || notification.notification?.method !== 'metamask_accountsChanged') return
    const [address] = (notification.notification.params as unknown[] | undefined) ?? []
    if (typeof address !== 'string' || !account || typeof notification.scope !== 'string') return
    if (!notification.scope.startsWith('solana:')) return
    account = { scope: notification.scope, address }
    context.update({ publicKey: address })
  })

  const requireAccount = () => {
    if (!account)
      throw new MetamaskSessionClosedError('disconnected', { shortMessage: 'MetaMask is not connected.' })
    return account
  }

  return {
    type: 'metamask',
    async connect() {
      connecting = true
      try {
        await session.connect()
      } finally {
        connecting = false
      }
      account = pickSolanaAccount(session, preferredScope)
      if (!account)
        throw new InvalidResponseError('MetaMask granted no Solana account.', {
          details: 'Enable a Solana account in MetaMask and connect again.',
        })
      return { publicKey: account.address }
    },
    disconnect: () => session.disconnect(),
    // The answer shapes every transport shares (docs/answers.md).
    signMessage: async (message) => ({
      signature: await signSolanaMessage(session, requireAccount(), message),
    }),
    signTransaction: async (transaction) => ({
      transaction: await signSolanaTransaction(session, requireAccount(), transaction),
    }),
    signAllTransactions: async (transactions) => ({
      transactions: await signAllSolanaTransactions(session, requireAccount(), transactions),
    }),
    signAndSendTransaction: async (transaction, options = {}) => ({
      transactionSignature: await signAndSendSolanaTransaction(
        session,
        requireAccount(),
        transaction,
        options.sendOptions,
      ),
    }),
    wakeUp: () => session.wakeUp(),
    getEthereumProvider() {
      provider ??= createEthereumProvider(session)
      return provider
    },
    destroy() {
      if (destroyed) return
      destroyed = true
      unwatch()
      unlisten()
      void session.disconnect().catch(() => {})
    },
  }
}

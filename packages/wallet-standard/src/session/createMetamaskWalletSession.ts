// Loaded with import() when the user picks the MetaMask Mobile wallet: core's MetaMask session (Centrifugo
// client, ECIES, handshake) comes with it, and the modal loads on connect. Nothing else of dapplink loads.

import { decodeBase58, UserRejectedRequestError } from '@dapplink/core'
import {
  type CreateMetamaskSessionParameters,
  createMetamaskSession,
  type MetamaskSession,
  MetamaskSessionClosedError,
  pickSolanaAccount,
  type SolanaAccount,
  signAndSendSolanaTransaction,
  signInWithSolana,
  signSolanaMessage,
  signSolanaTransaction,
  solanaScopes,
} from '@dapplink/core/metamask'
import type { PairingModalView } from '../modal/openPairingModal.js'
import type { MachineAccount, WalletMachineInput } from '../wallet/walletMachine.js'
import type { PairingSurface } from './createRelayWalletSession.js'
import type { WalletSession } from './walletSession.js'

export type CreateMetamaskWalletSessionParameters = {
  /** Everything `createMetamaskSession` takes; a new session is opened for each pairing. */
  metamask: CreateMetamaskSessionParameters
  /** Opens the surface that shows the QR code (renewed as the pairing URI changes). */
  showPairing: (view: PairingModalView) => Promise<PairingSurface>
}

/**
 * The MetaMask Mobile wallet's session: one Mobile Wallet Protocol session per pairing, shown in the pairing
 * surface until MetaMask grants a Solana account. Keys live in the session object only, so leaving the page
 * ends it; a silent connect (autoConnect) has nothing to restore.
 */
export function createMetamaskWalletSession(
  parameters: CreateMetamaskWalletSessionParameters,
): WalletSession {
  const listeners = new Set<(input: WalletMachineInput) => void>()
  const emit = (input: WalletMachineInput) => {
    for (const listener of [...listeners]) listener(input)
  }
  const preferredScope = solanaScopes[parameters.metamask.cluster ?? 'mainnet-beta']
  type Opened = { session: MetamaskSession; account: SolanaAccount | undefined; stop: () => void }
  let current: Opened | undefined

  /** Forgets the current session (ended by either side) and says so if it had an account. */
  function release(ended: Opened | undefined) {
    if (!ended || current !== ended) return
    current = undefined
    ended.stop()
    if (ended.account) emit({ type: 'sessionEnded' })
  }

  function open(): Opened {
    const session = createMetamaskSession(parameters.metamask)
    const opened: Opened = { session, account: undefined, stop: () => {} }
    let previousStatus = session.getState().status
    const unwatch = session.watchState((state) => {
      const previous = previousStatus
      previousStatus = state.status
      if (state.status === 'cleared') return release(opened)
      if (!opened.account || state.status === previous) return
      if (state.status === 'paused') emit({ type: 'sessionPaused' })
      else if (state.status === 'reconnecting') emit({ type: 'sessionReconnecting' })
      else if (state.status === 'connected') emit({ type: 'sessionResumed' })
    })
    const unlisten = session.onNotification((_, method, params) => {
      // MetaMask's Solana account switch: wallet_notify carrying metamask_accountsChanged [address].
      const notification = (params ?? {}) as {
        scope?: unknown
        notification?: { method?: unknown; params?: unknown }
      }
      if (method !== 'wallet_notify' || notification.notification?.method !== 'metamask_accountsChanged')
        return
      const [address] = (notification.notification.params as unknown[] | undefined) ?? []
      const scope = notification.scope
      if (typeof address !== 'string' || typeof scope !== 'string' || !scope.startsWith('solana:')) return
      if (!opened.account) return
      const account = toAccount(address)
      if (!account) return
      opened.account = { scope, address }
      emit({ type: 'accountShared', account })
    })
    // A reload or a closed tab ends the session for the wallet too, instead of leaving it waiting.
    const onPageHide = () => void session.disconnect().catch(() => {})
    window.addEventListener('pagehide', onPageHide)
    opened.stop = () => {
      unwatch()
      unlisten()
      window.removeEventListener('pagehide', onPageHide)
    }
    return opened
  }

  async function pair(): Promise<MachineAccount> {
    if (current) await disconnect()
    const opened = open()
    current = opened
    const { session } = opened
    const view = (): PairingModalView => {
      const { pairingUri, walletLink } = session.getState()
      return { pairingUri, walletLink, verificationCode: null }
    }
    let surface: PairingSurface | undefined
    let stopUpdates = () => {}
    try {
      surface = await parameters.showPairing(view())
      // The QR code is renewed before it expires: the surface follows the URI.
      stopUpdates = session.watchState(() => surface?.update(view()))
      surface.update(view())
      const dismissed = surface.dismissed.then(() => {
        throw new UserRejectedRequestError({ walletMessage: 'The QR code dialog was closed before pairing.' })
      })
      await Promise.race([session.connect(), dismissed])
      const picked = pickSolanaAccount(session, preferredScope)
      const account = picked && toAccount(picked.address)
      if (!picked || !account) {
        throw new MetamaskSessionClosedError('disconnected', {
          shortMessage: 'MetaMask granted no Solana account.',
          details: 'Enable a Solana account in MetaMask and connect again.',
        })
      }
      opened.account = picked
      emit({ type: 'accountShared', account })
      return account
    } catch (error) {
      release(opened)
      void session.disconnect().catch(() => {})
      throw error
    } finally {
      stopUpdates()
      surface?.close()
    }
  }

  async function disconnect() {
    const ended = current
    if (!ended) return
    release(ended)
    await ended.session.disconnect().catch(() => {})
  }

  /** The session and its Solana account, for a request. */
  function connected(): { session: MetamaskSession; account: SolanaAccount } {
    if (!current?.account)
      throw new MetamaskSessionClosedError('disconnected', {
        shortMessage: 'No MetaMask Mobile session is open. Connect first.',
      })
    return { session: current.session, account: current.account }
  }

  return {
    async connect({ silent }) {
      const account = current?.account && toAccount(current.account.address)
      if (account) return account
      if (silent) return null
      return pair()
    },
    disconnect,
    async signMessage(message) {
      const { session, account } = connected()
      return signSolanaMessage(session, account, message)
    },
    async signTransaction(transaction) {
      const { session, account } = connected()
      return signSolanaTransaction(session, account, transaction)
    },
    async signAndSendTransaction(transaction, options) {
      const { session, account } = connected()
      const signature = await signAndSendSolanaTransaction(session, account, transaction, options)
      return decodeBase58(signature, { label: 'transaction signature', length: 64 })
    },
    async signIn(input) {
      const { session, account } = connected()
      const result = await signInWithSolana(session, account, input)
      return { ...result, publicKey: decodeBase58(result.address, { label: 'signer address', length: 32 }) }
    },
    watch(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** The machine's account for a base58 address, or undefined when it is not a 32-byte key. */
function toAccount(address: string): MachineAccount | undefined {
  try {
    return { address, publicKey: decodeBase58(address, { label: 'account', length: 32 }) }
  } catch {
    return undefined
  }
}

// Loaded with import() on a wallet's first use: a Wallet Standard session over @dapplink/core's wallet
// client, for the relay (QR code) or one deeplink wallet profile.

import { decodeBase58, UserRejectedRequestError, type WalletClient, type WalletState } from '@dapplink/core'
import type { MachineAccount, WalletMachineInput } from '../wallet/walletMachine.js'
import type { SessionSendOptions, WalletSession } from './walletSession.js'

/** A surface that shows the relay pairing (the modal by default). */
export type PairingSurface = {
  update(state: WalletState): void
  close(): void
  /** Resolves when the user dismissed it: the pairing is then cancelled. */
  readonly dismissed: Promise<void>
}

export type CreateClientSessionParameters = {
  client: WalletClient
  /** The relay, or a deeplink wallet profile id (`'phantom'`). */
  target: { transport: 'relay' } | { transport: 'deeplink'; profile: string }
  /** Relay: opens the surface that shows the QR code. */
  showPairing?: ((state: WalletState) => Promise<PairingSurface>) | undefined
}

function toAccount(publicKey: string): MachineAccount {
  return { address: publicKey, publicKey: decodeBase58(publicKey, { length: 32 }) }
}

/**
 * Adapts the wallet client to {@link WalletSession}. A deeplink session mounts the client at once, which
 * restores a stored session and reads the wallet's answer in the page URL (the return from the wallet).
 */
export function createClientSession(parameters: CreateClientSessionParameters): WalletSession {
  const { client, target } = parameters
  const owns = (state: WalletState) =>
    target.transport === 'relay'
      ? state.transport === 'relay'
      : state.transport === 'deeplink' && state.walletProfile === target.profile
  const connectedAccount = (state: WalletState) => {
    const usable =
      state.status === 'connected' || state.status === 'paused' || state.status === 'reconnecting'
    return usable && state.publicKey !== null && owns(state) ? state.publicKey : null
  }
  if (target.transport === 'deeplink') client.mount()

  let stopPageHideListener: (() => void) | undefined
  function endRelayOnPageHide() {
    // A relay session lives in this page only: tell the wallet it ended instead of leaving it waiting.
    if (target.transport !== 'relay' || typeof window === 'undefined' || stopPageHideListener) return
    const onPageHide = () => void client.disconnect()
    window.addEventListener('pagehide', onPageHide)
    stopPageHideListener = () => {
      window.removeEventListener('pagehide', onPageHide)
      stopPageHideListener = undefined
    }
  }

  async function pairByRelay(): Promise<MachineAccount> {
    const connecting = client.connect({ transport: 'relay' })
    const surface = await parameters.showPairing?.(client.getState())
    // The pairing URI may have arrived while the surface's code was loading.
    surface?.update(client.getState())
    const stopWatching = client.watchState((state) => surface?.update(state))
    try {
      const dismissed = surface?.dismissed.then(() => {
        void client.disconnect()
        throw new UserRejectedRequestError({ walletMessage: 'The QR code dialog was closed before pairing.' })
      })
      const { publicKey } = await Promise.race(dismissed ? [connecting, dismissed] : [connecting])
      endRelayOnPageHide()
      return toAccount(publicKey)
    } finally {
      stopWatching()
      surface?.close()
    }
  }

  return {
    async connect({ silent }) {
      const existing = connectedAccount(client.getState())
      if (existing) return toAccount(existing)
      if (silent) return null
      if (target.transport === 'relay') return pairByRelay()
      // Leaves the page for the wallet: this promise settles only if the wallet answers in this page.
      const { publicKey } = await client.connect({ wallet: target.profile })
      return toAccount(publicKey)
    },
    async disconnect() {
      stopPageHideListener?.()
      await client.disconnect()
    },
    signMessage: (message) => client.signMessage(message),
    signTransaction: (transaction) => client.signTransaction(transaction),
    async signAndSendTransaction(transaction, options: SessionSendOptions | undefined) {
      const { signature } = await client.signAndSendTransaction(transaction, options)
      return decodeBase58(signature, { length: 64 })
    },
    watch(listener: (input: WalletMachineInput) => void) {
      // The account this listener was last told about, so that every session end is reported once.
      let reported = connectedAccount(client.getState())
      return client.watchState((state, previous) => {
        const account = connectedAccount(state)
        if (account !== null) {
          if (account !== reported) listener({ type: 'accountShared', account: toAccount(account) })
          if (state.status !== previous.status || account !== reported) {
            if (state.status === 'paused') listener({ type: 'sessionPaused' })
            else if (state.status === 'reconnecting') listener({ type: 'sessionReconnecting' })
            else listener({ type: 'sessionResumed' })
          }
          reported = account
          return
        }
        // `disconnecting` still names the account; the session ends when the account goes.
        if (reported !== null && state.status !== 'disconnecting') {
          reported = null
          stopPageHideListener?.()
          listener({ type: 'sessionEnded' })
        }
      })
    },
  }
}

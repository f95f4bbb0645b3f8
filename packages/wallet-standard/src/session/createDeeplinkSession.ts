// Loaded with import() on a deeplink wallet's first use: a Wallet Standard session over @dapplink/core's
// wallet client for one deeplink wallet profile.

import { decodeBase58, type WalletClient, type WalletState } from '@dapplink/core'
import type { MachineAccount, WalletMachineInput } from '../wallet/walletMachine.js'
import type { SessionSendOptions, WalletSession } from './walletSession.js'

export type CreateDeeplinkSessionParameters = {
  client: WalletClient
  /** The deeplink wallet profile id (`'phantom'`). */
  profile: string
}

function toAccount(publicKey: string): MachineAccount {
  return { address: publicKey, publicKey: decodeBase58(publicKey, { length: 32 }) }
}

/**
 * Adapts the wallet client to {@link WalletSession} for one deeplink wallet. It mounts the client at once,
 * which restores a stored session and reads the wallet's answer in the page URL (the return from the wallet).
 */
export function createDeeplinkSession(parameters: CreateDeeplinkSessionParameters): WalletSession {
  const { client, profile } = parameters
  const owns = (state: WalletState) => state.transport === 'deeplink' && state.wallet === profile
  const connectedAccount = (state: WalletState) => {
    const usable =
      state.status === 'connected' || state.status === 'paused' || state.status === 'reconnecting'
    return usable && state.publicKey !== null && owns(state) ? state.publicKey : null
  }
  client.mount()

  return {
    async connect({ silent }) {
      const existing = connectedAccount(client.getState())
      if (existing) return toAccount(existing)
      if (silent) return null
      // Leaves the page for the wallet: this promise settles only if the wallet answers in this page.
      const { publicKey } = await client.connect({ wallet: profile })
      return toAccount(publicKey)
    },
    disconnect: () => client.disconnect(),
    signMessage: async (message) => (await client.signMessage(message)).signature,
    signTransaction: async (transaction) => (await client.signTransaction(transaction)).transaction,
    async signAndSendTransaction(transaction, options: SessionSendOptions | undefined) {
      const { transactionSignature } = await client.signAndSendTransaction(transaction, {
        sendOptions: options,
      })
      return decodeBase58(transactionSignature, { length: 64 })
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
          listener({ type: 'sessionEnded' })
        }
      })
    },
  }
}

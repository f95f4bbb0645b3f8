import type { WalletClient } from './createWalletClientFromTransports.js'

/** The client's actions, as the framework bindings hand them out next to the state. */
export type WalletActions = Pick<
  WalletClient,
  | 'connect'
  | 'disconnect'
  | 'signMessage'
  | 'signTransaction'
  | 'signAllTransactions'
  | 'signAndSendTransaction'
  | 'cancelPendingRequest'
  | 'clearError'
  | 'clearLastResponse'
  | 'wakeUp'
>

/** The actions of `client`, bound to it (the client's methods need no `this`). */
export function walletActions(client: WalletClient): WalletActions {
  return {
    connect: client.connect,
    disconnect: client.disconnect,
    signMessage: client.signMessage,
    signTransaction: client.signTransaction,
    signAllTransactions: client.signAllTransactions,
    signAndSendTransaction: client.signAndSendTransaction,
    cancelPendingRequest: client.cancelPendingRequest,
    clearError: client.clearError,
    clearLastResponse: client.clearLastResponse,
    wakeUp: client.wakeUp,
  }
}

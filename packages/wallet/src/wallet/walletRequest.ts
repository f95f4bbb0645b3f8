import type { AppOrigin } from '../deeplink/bindAppOrigin.js'
import type { Cluster } from '../deeplink/methods.js'

/** A transaction in a request, decoded for display and signing. */
export type WalletTransaction = {
  /** The serialized transaction as sent by the dapp. */
  bytes: Uint8Array
  version: 'legacy' | 0
  /** base58 of the fee payer (the first account key). */
  feePayer: string
  /** base58 of every required signer, in signature-slot order. */
  signers: string[]
  /** The account's slot among the signers. */
  signerIndex: number
  instructionCount: number
}

/** What every request shows: who asks, for which cluster, and where the answer goes. */
export type WalletRequestBase = AppOrigin & {
  /**
   * The dapp's URL as it claims it (from connect; for later methods, from the session). Show `appIdentity`
   * as who is asking; `appUrl` is the same origin only when `appUrlVerified` is true.
   */
  appUrl: string
  cluster: Cluster | undefined
  /** Where the answer goes. */
  redirectLink: string
  /** base58 of the dapp's x25519 public key. */
  dappEncryptionPublicKey: string
}

/** A `connect` request: show the app and ask the user to share the account. */
export type ConnectWalletRequest = WalletRequestBase & { method: 'connect' }
/** A `disconnect` request: approving forgets the session. */
export type DisconnectWalletRequest = WalletRequestBase & { method: 'disconnect' }
/** A `signMessage` request. */
export type SignMessageWalletRequest = WalletRequestBase & {
  method: 'signMessage'
  message: Uint8Array
  display: 'utf8' | 'hex'
  /** The message as text, when it is valid UTF-8 (show it when `display` is 'utf8'). */
  text: string | undefined
  /** The message as lowercase hex. */
  hex: string
}
/** A `signTransaction` request. */
export type SignTransactionWalletRequest = WalletRequestBase & {
  method: 'signTransaction'
  transaction: WalletTransaction
}
/** A `signAllTransactions` request. */
export type SignAllTransactionsWalletRequest = WalletRequestBase & {
  method: 'signAllTransactions'
  transactions: WalletTransaction[]
}
/** A `signAndSendTransaction` request. */
export type SignAndSendTransactionWalletRequest = WalletRequestBase & {
  method: 'signAndSendTransaction'
  transaction: WalletTransaction
  sendOptions: Record<string, unknown> | undefined
}

/** A decrypted, validated request the wallet UI can show; pass it back to `approve` or `reject`. */
export type WalletRequest =
  | ConnectWalletRequest
  | DisconnectWalletRequest
  | SignMessageWalletRequest
  | SignTransactionWalletRequest
  | SignAllTransactionsWalletRequest
  | SignAndSendTransactionWalletRequest

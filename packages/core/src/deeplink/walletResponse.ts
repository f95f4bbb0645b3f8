import type { DeeplinkMethod } from './walletProfile.js'

/** A JSON value: what a request's `context` may hold (it is stored with the request across the reload). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/**
 * What each request resolves with, the same over deeplinks, the relay session and the wallet client
 * (docs/answers.md). `signature` is always the 64 raw bytes of an ed25519 signature; a transaction that
 * the wallet sent is named by `transactionSignature`, base58, as RPC nodes and explorers take it.
 */
export type WalletResults = {
  connect: { publicKey: string }
  disconnect: null
  signMessage: { signature: Uint8Array }
  signTransaction: { transaction: Uint8Array }
  signAllTransactions: { transactions: Uint8Array[] }
  signAndSendTransaction: { transactionSignature: string }
}

/**
 * A wallet's answer with what the dapp knew when it asked: the request id, the wallet's id and the
 * `context` the call was given. One shape for an answer that resolves a promise in the page and for one
 * delivered after the wallet round trip reloaded it.
 */
export type WalletResponse<results extends Record<DeeplinkMethod, unknown> = WalletResults> = {
  [method in DeeplinkMethod]: {
    method: method
    requestId: string
    /** The wallet profile id (`'phantom'`, ...), or null for a relay wallet. */
    wallet: string | null
    /** The `context` the request was sent with, read back from storage; undefined when none was given. */
    context: JsonValue | undefined
    result: results[method]
  }
}[DeeplinkMethod]

/** Options every request takes. */
export type RequestOptions = {
  /** Kept with the request and handed back with its answer, also after a reload. Must be JSON. */
  context?: JsonValue | undefined
}

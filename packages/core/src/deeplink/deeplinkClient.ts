import type { DapplinkError } from '../errors/base.js'
import type { DeeplinkSendOptions, MessageDisplay } from './buildRequestUrl.js'
import type { Cluster } from './cluster.js'
import type { DeeplinkStorage } from './deeplinkStorage.js'
import type { DeeplinkMethodResults } from './openRequestResponse.js'
import type { TransactionInput } from './serializeTransaction.js'
import type { DeeplinkMethod, WalletProfile } from './walletProfile.js'
import type { JsonValue, RequestOptions, WalletResponse } from './walletResponse.js'

/** Default time a request waits for its answer: 10 minutes. */
export const defaultRequestTtlMs = 10 * 60 * 1000

export type CreateDeeplinkClientParameters = {
  /** The wallet to talk to (`phantom`, `solflare`, `backpack` or your `defineWalletProfile`). */
  profile: WalletProfile
  /** The dapp's URL, shown by the wallet on connect. */
  appUrl: string
  /** The page the wallet sends answers to; dapplink adds `dapplink_id`. No #fragment. */
  redirectLink: string
  cluster?: Cluster | undefined
  /** Where pending requests and the session live. Default: `sessionStorage` in browsers, else memory. */
  storage?: DeeplinkStorage | undefined
  /** Prefix of the storage keys. Default `dapplink.deeplink`; give each client on one storage its own. */
  storageKey?: string | undefined
  /** Opens a deeplink. Default: `window.location.assign(url)`, looked up when first used. */
  navigate?: ((url: string) => void | Promise<void>) | undefined
  /** Refuse deeplinks longer than this. Default 30,000 characters (safe for Android intents). */
  maxUrlLength?: number | undefined
  /** Refuse answer URLs longer than this unread. Default 64,000 characters. */
  maxResponseUrlLength?: number | undefined
  /** How long a request waits for its answer. Default 10 minutes. */
  requestTtlMs?: number | undefined
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  now?: (() => number) | undefined
  /**
   * Called with the answer URL once `handleRedirect` handled it, e.g. `replaceAnswerUrl`
   * (`history.replaceState` when the answer is in the address bar). Optional: a reload re-reads an answer
   * already handled as null anyway; the wallet client always passes `replaceAnswerUrl`.
   */
  replaceUrl?: ((answerUrl: string) => void) | undefined
}

/** What `connect()` resolves with. */
export type ConnectResult = {
  /** The account's public key, base58. */
  publicKey: string
  /** The wallet's session token. */
  session: string
  /**
   * Whether the session token is signed by `publicKey` (reported, not enforced). Not a proof that the
   * wallet approved this connect: any message the account ever signed passes (docs/security.md).
   */
  sessionVerified: boolean
}

/** What each client action resolves with (docs/answers.md). */
export type DeeplinkClientResults = DeeplinkMethodResults & { connect: ConnectResult }

/** An answer delivered by `handleRedirect` (kept as `lastResponse`, and given to `watchResponse` listeners). */
export type DeeplinkResponse = WalletResponse<DeeplinkClientResults>

export type DeeplinkClientStatus = 'disconnected' | 'connecting' | 'connected'

/** A request waiting for the wallet. */
export type PendingRequestInfo = {
  id: string
  method: DeeplinkMethod
  createdAt: number
  expiresAt: number
  context: JsonValue | undefined
}

/** The client's snapshot. A new object on every change, the same object otherwise. */
export type DeeplinkClientState = {
  status: DeeplinkClientStatus
  /** The connected account, base58, or null. */
  publicKey: string | null
  /** The connected (or connecting) wallet's profile id; the client's own profile otherwise. */
  wallet: string
  cluster: Cluster | null
  /** See `ConnectResult.sessionVerified`: a signature check, not a proof. */
  sessionVerified: boolean | null
  pendingRequest: PendingRequestInfo | null
  lastResponse: DeeplinkResponse | null
  lastError: DapplinkError | null
}

export type DeeplinkClient = {
  /** Opens the wallet's connect screen. Resolves when this instance's `handleRedirect` gets the answer. */
  connect(options?: RequestOptions): Promise<ConnectResult>
  /**
   * Forgets the session and any pending request at once; by default also tells the wallet (a deeplink
   * whose empty answer resolves the promise). `{ notifyWallet: false }` stays on the page.
   */
  disconnect(options?: RequestOptions & { notifyWallet?: boolean | undefined }): Promise<null>
  /** Asks the wallet to sign bytes; a string is sent as UTF-8. The answer's signature is verified. */
  signMessage(
    message: Uint8Array | string,
    options?: RequestOptions & { display?: MessageDisplay | undefined },
  ): Promise<DeeplinkClientResults['signMessage']>
  signTransaction(
    transaction: TransactionInput,
    options?: RequestOptions,
  ): Promise<DeeplinkClientResults['signTransaction']>
  signAllTransactions(
    transactions: readonly TransactionInput[],
    options?: RequestOptions,
  ): Promise<DeeplinkClientResults['signAllTransactions']>
  signAndSendTransaction(
    transaction: TransactionInput,
    options?: RequestOptions & { sendOptions?: DeeplinkSendOptions | undefined },
  ): Promise<DeeplinkClientResults['signAndSendTransaction']>
  /**
   * Delivers a wallet's answer (default: the page's URL; call it on page load) and takes it out of the
   * address bar (with `replaceUrl`). Returns null when the URL is not a dapplink answer, or is one this
   * storage already handled (a reload); throws the typed error of a rejected, tampered, unknown or expired one.
   */
  handleRedirect(url?: string | URL): DeeplinkResponse | null
  /** Abandons the pending request (its promise rejects with RequestCancelledError). Returns whether there was one. */
  cancelPendingRequest(): boolean
  /** Forgets `lastError` (a dismissed error banner). */
  clearError(): void
  getState(): DeeplinkClientState
  /** Calls `listener(state, previousState)` on every change; returns the unsubscribe function. */
  watchState(listener: (state: DeeplinkClientState, previousState: DeeplinkClientState) => void): () => void
  /** Calls `listener` with every answer `handleRedirect` delivers; returns the unsubscribe function. */
  watchResponse(listener: (response: DeeplinkResponse) => void): () => void
}

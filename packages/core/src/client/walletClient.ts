import type { TransactionInput } from '../deeplink/serializeTransaction.js'
import type { RequestOptions, WalletResponse, WalletResults } from '../deeplink/walletResponse.js'
import type { EthereumProvider } from '../metamask/ethereumProvider.js'
import type { WalletState } from './walletState.js'
import type { DeeplinkTransports, SendOptions, TransportContext, WalletTransport } from './walletTransport.js'

/** Which wallet to connect to: a deeplink wallet profile (mobile) or the relay (QR code), and a context. */
export type ConnectParameters = (
  | { transport?: 'deeplink' | undefined; wallet: string }
  | { transport: 'relay' | 'metamask'; wallet?: undefined }
) &
  RequestOptions

/** What `connect` resolves with. */
export type ConnectReturnType = { publicKey: string }

/** Options of `signMessage`. */
export type SignMessageOptions = RequestOptions & {
  /** How the wallet shows the message; default 'utf8' for a string, 'hex' for bytes that are not UTF-8. */
  display?: 'utf8' | 'hex' | undefined
}

/** Options of `signAndSendTransaction`. */
export type SignAndSendTransactionOptions = RequestOptions & {
  /** Passed to the wallet (or the RPC endpoint) as they are (Solana's `SendOptions`). */
  sendOptions?: SendOptions | undefined
  /**
   * Send the deeplink a wallet marks deprecated (Phantom's signAndSendTransaction) even though `rpcUrl`
   * is set. Default false: such a wallet signs, and the client sends through `rpcUrl` and confirms.
   */
  useDeprecatedDeeplink?: boolean | undefined
}

/** Options of `disconnect`. */
export type DisconnectOptions = {
  /**
   * Deeplink: also tell the wallet, so it drops the session token (a round trip through the wallet app,
   * answered on a reload). Default false: the dapp forgets the session and the user stays on the page.
   */
  notifyWallet?: boolean | undefined
}

/** Makes the transports; the defaults are the deeplink client and the (lazily loaded) relay session. */
export type WalletTransportFactories = {
  /** The deeplink wallet profile ids the client offers, in order. */
  deeplinkProfiles: readonly string[]
  /** Makes the deeplink side. Called once, in the browser, when first needed. */
  deeplink: ((context: TransportContext) => DeeplinkTransports) | undefined
  /** Makes a relay transport, or undefined when the relay is not configured. */
  relay: ((context: TransportContext) => Promise<WalletTransport>) | undefined
  /** Makes a MetaMask Mobile transport (lazily loaded), or undefined when not configured. */
  metamask?: ((context: TransportContext) => Promise<WalletTransport>) | undefined
}

/** The wallet client: one store of wallet state and the actions on it, for both transports. */
export type WalletClient = {
  /** The current state; the same object until the next change. */
  getState(): WalletState
  /** The state to render on the server and during hydration; always the same object. */
  getServerState(): WalletState
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  watchState(listener: (state: WalletState, previousState: WalletState) => void): () => void
  /**
   * Starts the client in the browser: restores a stored deeplink session and reads the wallet's redirect
   * once. Returns a release function; when the last mount is released, an open relay session is closed.
   * A no-op on the server. The React provider and the Vue plugin call it for you.
   */
  mount(): () => void
  /** Connects a deeplink wallet (`{ wallet: 'phantom' }`) or opens a relay pairing (`{ transport: 'relay' }`). */
  connect(parameters?: ConnectParameters): Promise<ConnectReturnType>
  /** Ends the session and clears the error; always resolves. */
  disconnect(options?: DisconnectOptions): Promise<void>
  /** Asks the wallet to sign a message; resolves with the 64-byte ed25519 signature, verified. */
  signMessage(
    message: Uint8Array | string,
    options?: SignMessageOptions,
  ): Promise<WalletResults['signMessage']>
  /** Asks the wallet to sign a transaction; resolves with the signed transaction in the type it was given. */
  signTransaction<transaction extends TransactionInput>(
    transaction: transaction,
    options?: RequestOptions,
  ): Promise<{ transaction: transaction }>
  /** Asks the wallet to sign several transactions at once. */
  signAllTransactions<transaction extends TransactionInput>(
    transactions: transaction[],
    options?: RequestOptions,
  ): Promise<{ transactions: transaction[] }>
  /** Asks the wallet to sign and submit a transaction; resolves with its base58 transaction signature. */
  signAndSendTransaction(
    transaction: TransactionInput,
    options?: SignAndSendTransactionOptions,
  ): Promise<WalletResults['signAndSendTransaction']>
  /**
   * Reads a wallet redirect (default: the current page URL) and takes it out of the address bar. Returns
   * the answer (also kept as `lastResponse` and given to `watchResponse`), or null when the URL carries
   * none or one already handled. Throws the typed error of a rejected request. `mount()` calls it.
   */
  handleRedirect(url?: string | URL): WalletResponse | null
  /**
   * Calls `listener` with every answer, with its request id and the `context` the request was given: the
   * relay's in this page, a deeplink's after the wallet round trip reloaded it. Answers that came before
   * anybody watched go to the first listener. Returns the unsubscribe function.
   */
  watchResponse(listener: (response: WalletResponse) => void): () => void
  /**
   * Gives up waiting for the pending request (the user came back from the wallet without answering): its
   * promise rejects with RequestCancelledError and the page is free again. Returns whether one was pending.
   */
  cancelPendingRequest(): boolean
  /** Forgets `error` (a dismissed error banner). */
  clearError(): void
  /** Forgets `lastResponse` once the app has used it. */
  clearLastResponse(): void
  /**
   * Relay only: opens the wake-up link so a `paused` wallet app comes back to the foreground (needs
   * `relay.walletLinkBaseUrl`). Does nothing without a relay session.
   */
  wakeUp(): void
  /** MetaMask only: the EIP-1193 provider over the connected MetaMask session (for viem, ethers). */
  getEthereumProvider(): EthereumProvider
}

/** Parameters of {@link createWalletClientFromTransports}. */
export type CreateWalletClientFromTransportsParameters = {
  transports: WalletTransportFactories
  /** How long a released client waits for a new mount before closing the relay (StrictMode remounts). */
  releaseDelay?: number | undefined
}

import type { TransactionInput } from '../deeplink/serializeTransaction.js'
import type { WalletResults } from '../deeplink/walletResponse.js'
import type { DapplinkError } from '../errors/base.js'
import type { RelayTransportFactory, SocketIoOptions } from './relayTransport.js'
import type { RelayMethod } from './rpc.js'
import type { RelaySessionState, RelayTimingOptions } from './sessionEngine.js'

export type CreateRelaySessionParameters = RelayTimingOptions & {
  /** The relay's socket.io URL, e.g. `wss://relay.example`. */
  relayUrl: string
  /** Sent to the wallet inside the encrypted `connect` request; wallets show it as the dapp's own (unverified) claim. */
  app: { name: string; url: string; icon?: string | undefined }
  /** The Solana cluster to ask for in `connect`. */
  cluster?: string | undefined
  /** A wallet's universal-link base, e.g. `https://wallet.example/dl/`; enables `walletLink` and `wakeUp()`. */
  walletLinkBaseUrl?: string | undefined
  /**
   * Whether the pairing URI repeats `app.name` and `app.url` for wallets to show before the handshake (default
   * true). They are unauthenticated hints, sent again inside the encrypted `connect`; `false` makes the QR
   * code about 60 characters (two QR versions) smaller and easier to scan.
   */
  appInPairingUri?: boolean | undefined
  /**
   * Default timeout of one request (default 300 000 ms: the user approves on the phone; at most
   * `maxRequestTimeoutMs`, 600 000). The request's deadline, sealed inside it, is the dapp's clock plus this.
   */
  requestTimeoutMs?: number | undefined
  /**
   * Opens the wake-up link. Default: `window.open(url, walletWindowName, 'noopener')`: the wallet tab this page
   * opened under that name when there is one, else a new tab; either way this page (and so the session) stays.
   * On phones a universal link opened this way still hands over to the wallet app.
   * Falls back to `location.assign` only where there is no `window.open`.
   */
  navigate?: ((url: string) => void) | undefined
  /** Options for socket.io-client (`io(url, options)`). */
  socketOptions?: SocketIoOptions | undefined
  /** Replaces the socket.io transport (tests wrap it to inject, drop or reorder relay events). */
  transport?: RelayTransportFactory | undefined
  /** Rejected frames and relay errors, typed (`ReplayError`, `DecryptionError`...). The session goes on. */
  onError?: ((error: DapplinkError) => void) | undefined
}

/** Per-request options. */
export type RelayRequestOptions = {
  /**
   * Aborts waiting for the answer and seals a `cancel`: the wallet drops the request or closes its approval
   * dialog (unless its user approved already).
   */
  signal?: AbortSignal | undefined
  /** Overrides the session's `requestTimeoutMs` for this request; when it fires, a `cancel` is sealed too. */
  timeoutMs?: number | undefined
}

/** The dapp side of an end-to-end encrypted relay session. */
export type RelaySession = {
  /** The QR code content (docs/protocol.md section 2). Holds the pairing secret: show it, never log it. */
  readonly pairingUri: string
  /** Opens a wallet app on the same phone with the pairing, when `walletLinkBaseUrl` is set. */
  readonly walletLink: string | undefined
  /** The current state snapshot (the same object until it changes). */
  getState(): RelaySessionState
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  watchState(listener: (state: RelaySessionState, previous: RelaySessionState) => void): () => void
  /** Waits for the handshake, then asks the wallet for its accounts (`publicKey` is the first). */
  connect(options?: RelayRequestOptions): Promise<WalletResults['connect'] & { accounts: string[] }>
  /** Sends one JSON-RPC request (section 6) and resolves with its result. */
  request(method: RelayMethod, params: unknown, options?: RelayRequestOptions): Promise<unknown>
  /** Signs a message (bytes, or a string as UTF-8); resolves with the 64-byte ed25519 signature. */
  signMessage(
    message: Uint8Array | string,
    options?: RelayRequestOptions & { display?: 'utf8' | 'hex' | undefined },
  ): Promise<WalletResults['signMessage']>
  /** Signs a transaction; resolves with the signed wire bytes. */
  signTransaction(
    transaction: TransactionInput,
    options?: RelayRequestOptions,
  ): Promise<WalletResults['signTransaction']>
  /** Signs several transactions; resolves with their signed wire bytes, in order. */
  signAllTransactions(
    transactions: TransactionInput[],
    options?: RelayRequestOptions,
  ): Promise<WalletResults['signAllTransactions']>
  /** Signs and sends a transaction; resolves with its base58 transaction signature. */
  signAndSendTransaction(
    transaction: TransactionInput,
    options?: RelayRequestOptions & { sendOptions?: Record<string, unknown> | undefined },
  ): Promise<WalletResults['signAndSendTransaction']>
  /** Opens the wake-up deeplink so a paused wallet comes back to the foreground. */
  wakeUp(): void
  /** Ends the session (sealed `terminate`, then `leave`). Always resolves, even offline. */
  disconnect(): Promise<void>
}

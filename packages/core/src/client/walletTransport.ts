import type { RequestOptions, WalletResponse, WalletResults } from '../deeplink/walletResponse.js'
import type { EthereumProvider } from '../metamask/ethereumProvider.js'
import type { WalletMethod, WalletState, WalletTransportType } from './walletState.js'

/** Options of `signAndSendTransaction`, passed to the wallet as they are (Solana's `SendOptions`). */
export type SendOptions = {
  skipPreflight?: boolean
  preflightCommitment?: 'processed' | 'confirmed' | 'finalized'
  maxRetries?: number
  minContextSlot?: number
} & Record<string, unknown>

/** The part of the client state a transport reports. */
export type TransportStatePatch = Partial<
  Pick<WalletState, 'status' | 'publicKey' | 'pairingUri' | 'walletLink' | 'verificationCode' | 'error'>
>

/** What the client gives a transport to report with. */
export type TransportContext = {
  /** Reports a state change of the connection (relay: pairing URI, verification code, paused, ...). */
  update(patch: TransportStatePatch): void
}

/** What a transport request carries beside its payload. */
export type TransportRequestOptions = RequestOptions & {
  /**
   * Aborted when the dapp gives up on the request (`cancelPendingRequest`); the relay transport then seals a
   * `cancel` for the wallet.
   */
  signal?: AbortSignal | undefined
}

/**
 * One way of talking to a wallet. The client owns the state and the public API; a transport only moves
 * bytes and reports its own lifecycle. Transactions cross this boundary as wire bytes; answers have the
 * shapes of `WalletResults` (docs/answers.md).
 */
export type WalletTransport = {
  readonly type: WalletTransportType
  /** Asks the wallet for its account. A deeplink leaves the page, so this may never settle in this page. */
  connect(options?: TransportRequestOptions): Promise<WalletResults['connect']>
  /**
   * Ends the session; resolves even when the wallet cannot be reached. A deeplink wallet is told only with
   * `notifyWallet` (a round trip through the wallet app).
   */
  disconnect(options?: { notifyWallet?: boolean | undefined }): Promise<void>
  signMessage(
    message: Uint8Array,
    options: TransportRequestOptions & { display: 'utf8' | 'hex' },
  ): Promise<WalletResults['signMessage']>
  signTransaction(
    transaction: Uint8Array,
    options?: TransportRequestOptions,
  ): Promise<WalletResults['signTransaction']>
  signAllTransactions(
    transactions: Uint8Array[],
    options?: TransportRequestOptions,
  ): Promise<WalletResults['signAllTransactions']>
  signAndSendTransaction(
    transaction: Uint8Array,
    options?: TransportRequestOptions & {
      sendOptions?: SendOptions | undefined
      useDeprecatedDeeplink?: boolean | undefined
    },
  ): Promise<WalletResults['signAndSendTransaction']>
  /** Deeplink: forgets the request still marked pending (the user came back without an answer). */
  cancelPendingRequest?(): void
  /** Frees what the transport holds (sockets, a pending deeplink request). */
  destroy(): void
  /** Relay only: opens the wake-up link that brings a paused wallet app back to the foreground. */
  wakeUp?(): void
  /** MetaMask only: the EIP-1193 provider over the same session. */
  getEthereumProvider?(): EthereumProvider
}

/**
 * The deeplink side: one stored session shared by every wallet profile (a dapp is connected to one wallet
 * at a time), so any profile can read an answer and restore the session after a page load.
 */
export type DeeplinkTransports = {
  /** The transport that connects through `wallet` (a profile id); its requests go to the session's wallet. */
  get(wallet: string): WalletTransport
  /** The stored session, if a wallet is connected (a reload of a connected dapp). */
  restore(): { wallet: string; publicKey: string } | null
  /**
   * Reads a redirect URL. Returns null when it carries no dapplink answer (or one already handled);
   * throws the typed error of a rejected, tampered, unknown or expired answer. A promise: the answer of a
   * sign-then-send request, settled once the dapp sent and confirmed the signed transaction.
   */
  handleRedirect(url: string): WalletResponse | Promise<WalletResponse> | null
  /** The request still waiting for a wallet answer, if any (read from the stored state). */
  pendingRequest(): { method: WalletMethod; wallet: string } | null
}

import type { EthereumProvider } from '../metamask/ethereumProvider.js'
import type { WalletMethod, WalletResponse, WalletState, WalletTransportType } from './walletState.js'

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

/**
 * One way of talking to a wallet. The client owns the state and the public API; a transport only moves
 * bytes and reports its own lifecycle. Transactions cross this boundary as wire bytes.
 */
export type WalletTransport = {
  readonly type: WalletTransportType
  /** Asks the wallet for its account. A deeplink leaves the page, so this may never settle in this page. */
  connect(): Promise<{ publicKey: string }>
  /** Ends the session with the wallet; resolves even when the wallet cannot be reached. */
  disconnect(): Promise<void>
  signMessage(message: Uint8Array, display: 'utf8' | 'hex'): Promise<Uint8Array>
  signTransaction(transaction: Uint8Array): Promise<Uint8Array>
  signAllTransactions(transactions: Uint8Array[]): Promise<Uint8Array[]>
  signAndSendTransaction(
    transaction: Uint8Array,
    sendOptions: SendOptions | undefined,
  ): Promise<{ signature: string }>
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
  /** The transport that connects through `profile`; its requests go to the session's wallet. */
  get(profile: string): WalletTransport
  /** The stored session, if a wallet is connected (a reload of a connected dapp). */
  restore(): { profile: string; publicKey: string } | null
  /**
   * Reads a redirect URL. Returns null when it carries no dapplink answer; throws the typed error of a
   * rejected, tampered, unknown or expired answer.
   */
  handleRedirect(url: string): { profile: string; response: WalletResponse } | null
  /** The method of the request still waiting for a wallet answer, if any (read from the stored state). */
  pendingMethod(): WalletMethod | null
}

import type { WalletResponse } from '../deeplink/walletResponse.js'
/**
 * Where a wallet connection is:
 * - `disconnected`: no wallet (the initial state, also on the server).
 * - `connecting`: a connect request is out (a deeplink to the wallet, or a relay pairing waiting for the wallet).
 * - `connected`: an account is available and requests can be sent.
 * - `paused`: relay only; the wallet app went to the background, requests wait in the relay queue.
 * - `reconnecting`: relay only; a socket dropped and is coming back.
 * - `disconnecting`: `disconnect()` is running.
 */
export type WalletStatus =
  | 'disconnected'
  | 'connecting'
  | 'connected'
  | 'paused'
  | 'reconnecting'
  | 'disconnecting'

/** How the dapp talks to the wallet: encrypted deeplinks (mobile) or an encrypted relay session (QR). */
export type WalletTransportType = 'deeplink' | 'relay' | 'metamask'

/** The name of a wallet request. */
export type WalletMethod =
  | 'connect'
  | 'disconnect'
  | 'signMessage'
  | 'signTransaction'
  | 'signAllTransactions'
  | 'signAndSendTransaction'

export type { WalletResponse } from '../deeplink/walletResponse.js'

/** A snapshot of the wallet client. Immutable: every change makes a new object. */
export type WalletState = {
  status: WalletStatus
  /** base58 of the connected account's public key, or null. */
  publicKey: string | null
  /** The transport in use, or null when disconnected. */
  transport: WalletTransportType | null
  /** The id of the deeplink wallet in use (`'phantom'`, ...), or null (relay, or disconnected). */
  wallet: string | null
  /** The pairing URI to show as a QR code while a relay pairing is open, else null. */
  pairingUri: string | null
  /** A link that opens the pairing in a wallet app on the same phone, while a relay pairing is open. */
  walletLink: string | null
  /** The six-digit code both sides show, from the relay handshake until the relay session ends; else null. */
  verificationCode: string | null
  /** The method of the request waiting for the wallet, or null. */
  pendingMethod: WalletMethod | null
  /** The last error of a connect, a request or a redirect; cleared by the next action, disconnect, `clearError()`. */
  error: Error | null
  /** The last answer (also given to `watchResponse` listeners), until `clearLastResponse()`. */
  lastResponse: WalletResponse | null
}

/** The state before anything happened; also the server snapshot. */
export const initialWalletState: WalletState = Object.freeze({
  status: 'disconnected',
  publicKey: null,
  transport: null,
  wallet: null,
  pairingUri: null,
  walletLink: null,
  verificationCode: null,
  pendingMethod: null,
  error: null,
  lastResponse: null,
})

/** What the framework bindings show next to the state, derived here so that they only bind. */
export type WalletStatusFlags = {
  /** An account is known and usable: `connected`, or `paused` / `reconnecting` on the relay. */
  connected: boolean
  /** `status === 'connecting'`. */
  connecting: boolean
  /** `status === 'disconnecting'`. */
  disconnecting: boolean
}

/** The flags of a state snapshot (see {@link WalletStatusFlags}). */
export function walletStatusFlags(state: WalletState): WalletStatusFlags {
  const { status, publicKey } = state
  return {
    connected:
      publicKey !== null && (status === 'connected' || status === 'paused' || status === 'reconnecting'),
    connecting: status === 'connecting',
    disconnecting: status === 'disconnecting',
  }
}

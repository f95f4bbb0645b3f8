import type { Cluster } from '../deeplink/cluster.js'
import type { WebSocketConstructor } from './centrifugoClient.js'
import type { ConnectionMode, DappMetadata } from './connectionRequest.js'
import type { SessionScopes } from './multichainApi.js'
import type { RequestOptions } from './pendingRequests.js'
import type { TimeProvider } from './timers.js'

// The public shape of a MetaMask session (createMetamaskSession.ts holds the behaviour).

/** MetaMask's hosted Centrifugo relay. */
export const metamaskRelayUrl = 'wss://mm-sdk-relay.api.cx.metamask.io/connection/websocket'

/** Where the session is: `paused` while the wallet leaves requests unanswered (in the background). */
export type MetamaskSessionStatus = 'idle' | 'pairing' | 'connected' | 'paused' | 'reconnecting' | 'cleared'

/** A snapshot of the session; a new object on every change. */
export type MetamaskSessionState = {
  status: MetamaskSessionStatus
  /** `metamask://connect/mwp?p=…&c=1` for the QR code while pairing; it changes when the QR is renewed. */
  pairingUri: string | null
  /** The same request as a universal link, for a dapp on the wallet's phone. */
  walletLink: string | null
  /** The scopes and CAIP-10 accounts the wallet granted. */
  sessionScopes: SessionScopes
  /** Why the session ended, when it did not end by `disconnect()`. */
  error: Error | null
}

/** Parameters of {@link createMetamaskSession}. */
export type CreateMetamaskSessionParameters = {
  dapp: DappMetadata
  /** The Centrifugo relay (default MetaMask's). */
  relayUrl?: string | undefined
  cluster?: Cluster | undefined
  /** EVM chains to ask for as well (for `getEthereumProvider`). */
  evmChainIds?: readonly number[] | undefined
  /** `trusted` (default: what MetaMask Mobile completes) or `untrusted` (the wallet shows a code). */
  mode?: ConnectionMode | undefined
  /** Untrusted mode: asks the user for the wallet's code; `submit` rejects with `IncorrectOtpError`. */
  onOtpRequired?: ((submit: (code: string) => Promise<void>, deadline: number) => void) | undefined
  /** Reports what is dropped and why (unreadable offers, malformed publications); never keys or plaintext. */
  onWarning?: ((error: Error) => void) | undefined
  /** Opens the wake-up link (default: `window.location.assign`). */
  openLink?: ((url: string) => void) | undefined
  WebSocket?: WebSocketConstructor | undefined
  time?: TimeProvider | undefined
  /** A request unanswered this long rejects with `RequestTimeoutError` (default 5 min: the user may be slow). */
  requestTimeoutMs?: number | undefined
  /** Requests unanswered this long with no word from the wallet show `paused` (default 20 s). */
  quietAfterMs?: number | undefined
  /** `wallet_getSession` must answer this fast after a timeout, else the wallet is gone (default 30 s). */
  probeTimeoutMs?: number | undefined
  /** A new QR code is made this long before the current one expires (default 5 s). */
  renewBeforeMs?: number | undefined
  /** Pairing gives up after this long (default 10 min). */
  pairingTimeoutMs?: number | undefined
}

/** The session. Keys live in this object only: nothing is written to any storage. */
export type MetamaskSession = {
  getState(): MetamaskSessionState
  watchState(listener: (state: MetamaskSessionState) => void): () => void
  /** Pairs (QR code in `pairingUri`), then asks for a Multichain session; resolves with the granted scopes. */
  connect(): Promise<SessionScopes>
  /** Sends a JSON-RPC request on a stream (Multichain API by default) and resolves with its result. */
  request(method: string, params: unknown, options?: RequestOptions & { stream?: string }): Promise<unknown>
  /** Listens to wallet notifications (`wallet_notify`, `wallet_sessionChanged`, `metamask_chainChanged`, ...). */
  onNotification(listener: (stream: string, method: string, params: unknown) => void): () => void
  /** Asks `wallet_getSession`; ends the session with a typed reason if the wallet is silent or revoked it. */
  checkSession(): Promise<void>
  /** Opens `metamask://connect/mwp?id=<session>` so a backgrounded wallet comes back. */
  wakeUp(): void
  /** Drops the relay socket and reconnects (recovering missed publications). */
  reconnect(): void
  disconnect(): Promise<void>
}

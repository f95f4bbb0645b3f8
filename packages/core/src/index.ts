// Deeplinks: profiles, pure protocol functions, the stateful client, and the errors they throw.

// Wallet client (one store over deeplinks and the lazily loaded relay)
export {
  ConnectionCancelledError,
  type ConnectParameters,
  type ConnectReturnType,
  type CreateWalletClientFromTransportsParameters,
  type CreateWalletClientParameters,
  createWalletClient,
  createWalletClientFromTransports,
  type DeeplinkTransports,
  initialWalletState,
  RelayNotConfiguredError,
  type SendOptions,
  type SignMessageOptions,
  type TransportContext,
  type TransportStatePatch,
  UnknownWalletProfileError,
  type WalletActions,
  type WalletClient,
  type WalletClientDeeplinkOptions,
  type WalletClientRelayOptions,
  type WalletMethod,
  WalletNotSelectedError,
  type WalletResponse,
  type WalletState,
  type WalletStatus,
  type WalletStatusFlags,
  type WalletTransport,
  type WalletTransportFactories,
  type WalletTransportType,
  walletActions,
  walletStatusFlags,
} from './client/index.js'
export * from './deeplink/index.js'
// Relay errors live here too, so a dapp can `instanceof` them without loading the relay entry.
export {
  FrameTooLargeError,
  HandshakeAuthenticationError,
  HandshakeTimeoutError,
  InvalidPairingUriError,
  MalformedFrameError,
  MessageTooLargeError,
  OutOfOrderError,
  ProtocolError,
  RelayRequestError,
  RequestAbortedError,
  RequestTimeoutError,
  SessionClosedError,
  type SessionCloseReason,
  SessionOverflowError,
  UnexpectedFrameError,
  UnknownMessageError,
  WakeUpUnavailableError,
} from './errors/relay.js'
// The wallet tab's window name, for the dapp's "Open in wallet" link (a constant: the relay entry stays lazy).
export { walletWindowName } from './relay/walletLink.js'

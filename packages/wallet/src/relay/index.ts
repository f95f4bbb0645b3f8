// @dapplink/wallet/relay: the wallet side of end-to-end encrypted relay sessions. A separate entry point so a
// deeplink-only wallet never loads socket.io or the ECIES code. The protocol engine is @dapplink/core/relay's.

// The abort reason of `onRequest`'s signal when the dapp cancels (core's class: one name, one class).
export { RequestCancelledError } from '@dapplink/core'
export {
  HandshakeTimeoutError,
  InvalidPairingUriError,
  PairingUriVersionError,
  parsePairingUri,
  RelayClosedError,
  type RelayClosedReason,
  type RelaySessionState,
  type RelaySessionStatus,
  SessionClosedError,
  type SessionCloseReason,
} from '@dapplink/core/relay'
export { PairingLinkUsedError, type UsedPairingLinkReason } from '../errors/pairingErrors.js'
export { RequestDeadlineError } from '../errors/RequestDeadlineError.js'
export { WalletConfigurationError } from '../errors/WalletConfigurationError.js'
export {
  type DappInfo,
  type PairWithDappParameters,
  pairWithDapp,
  type WalletRelayContext,
  type WalletRelayHandlers,
  type WalletRelaySession,
} from './pairWithDapp.js'
export { parsePairingLink } from './parsePairingLink.js'
export {
  parseWalletRelayRequest,
  type WalletRelayMethod,
  type WalletRelayRequest,
} from './walletRelayRequest.js'

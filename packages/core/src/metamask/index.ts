// @dapplink/core/metamask: the dapp side of MetaMask's Mobile Wallet Protocol (pairing, Centrifugo transport,
// handshake, Multichain API for Solana and EVM). A separate entry; the wallet client loads it with import().

export { DapplinkError } from '../errors/base.js'
export {
  CentrifugoError,
  ConnectionRequestExpiredError,
  HandshakeOfferError,
  IncorrectOtpError,
  InvalidConnectionRequestError,
  MalformedPublicationError,
  MetamaskSessionClosedError,
  type MetamaskSessionEndReason,
} from '../errors/metamask.js'
export {
  type CentrifugoClient,
  type CentrifugoClientParameters,
  type CentrifugoPublication,
  type CentrifugoState,
  createCentrifugoClient,
  type WebSocketConstructor,
} from './centrifugoClient.js'
export {
  type ConnectionMode,
  type ConnectionRequest,
  type CreateConnectionRequestParameters,
  connectionRequestTtlMs,
  createConnectionRequest,
  type DappMetadata,
  maxConnectionRequestBytes,
  validateConnectionRequest,
} from './connectionRequest.js'
export {
  type CreateMetamaskSessionParameters,
  createMetamaskSession,
  type MetamaskSession,
  type MetamaskSessionState,
  type MetamaskSessionStatus,
  metamaskRelayUrl,
} from './createMetamaskSession.js'
export { type Envelope, parseEnvelope, sealEnvelope } from './envelope.js'
export {
  createEthereumProvider,
  type EthereumProvider,
  EthereumProviderError,
  type EthereumProviderEvent,
} from './ethereumProvider.js'
export { type SessionScopes, solanaScopes } from './multichainApi.js'
export {
  buildPairingLinks,
  buildWakeUpLink,
  metamaskQrLinkBase,
  metamaskUniversalLinkBase,
  type PairingLinks,
  parsePairingLink,
} from './pairingLink.js'
export type { RequestOptions } from './pendingRequests.js'
export {
  pickSolanaAccount,
  type SolanaAccount,
  type SolanaSignInInput,
  signAllSolanaTransactions,
  signAndSendSolanaTransaction,
  signInWithSolana,
  signSolanaMessage,
  signSolanaTransaction,
} from './solanaMethods.js'
export { realTime, type TimeProvider } from './timers.js'

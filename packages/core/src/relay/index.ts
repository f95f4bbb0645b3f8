// @dapplink/core/relay: the dapp side of end-to-end encrypted relay sessions, and the protocol engine the
// wallet side reuses. A separate entry point so that a deeplink-only dapp never loads socket.io or the ECIES code.

// Account addresses and signatures are base58 on both transports; the class is the deeplink entry's.
export { type DecodeBase58Options, decodeBase58, encodeBase58 } from '../crypto/base58.js'
// ECIES as eciesjs writes it: the wallet side of MetaMask's protocol seals its messages with these.
export { eciesDecrypt, eciesEncrypt, isCompressedSecp256k1Point } from '../crypto/ecies.js'
export { DapplinkError } from '../errors/base.js'
export { InvalidArgumentError, InvalidBase58Error } from '../errors/deeplink.js'
export {
  DecryptionError,
  FrameTooLargeError,
  FrameVersionError,
  HandshakeAuthenticationError,
  HandshakeCommitmentError,
  HandshakeTimeoutError,
  InsecureRelayUrlError,
  InvalidPairingUriError,
  InvalidResponseError,
  MalformedFrameError,
  MessageTooLargeError,
  OutOfOrderError,
  PairingUriVersionError,
  ProtocolError,
  RelayClosedError,
  type RelayClosedReason,
  RelayRequestError,
  ReplayError,
  RequestAbortedError,
  RequestTimeoutError,
  SessionClosedError,
  type SessionCloseReason,
  SessionOverflowError,
  UnexpectedFrameError,
  UnknownMessageError,
  WakeUpUnavailableError,
} from '../errors/relay.js'
export {
  createWalletRpcError,
  InternalWalletError,
  InvalidInputError,
  MethodNotFoundError,
  ResourceUnavailableError,
  TransactionRejectedError,
  UnauthorizedError,
  UserRejectedRequestError,
  WalletDisconnectedError,
  WalletRpcError,
} from '../errors/walletRpc.js'
export { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from './base64url.js'
export {
  type Direction,
  direction,
  type FrameType,
  frameType,
  maxFrameLength,
  type RelayRole,
} from './constants.js'
export {
  type CreateRelaySessionParameters,
  createRelaySession,
  type RelayRequestOptions,
  type RelaySession,
} from './createRelaySession.js'
export {
  type DecodeFrameParameters,
  decodeFrame,
  encodeFrame,
  encodeFrameHeader,
  type Frame,
  type FrameHeader,
} from './frame.js'
export {
  type CreateDoneParameters,
  createDone,
  createEciesKeyPair,
  createHello,
  createKey,
  openDone,
  openHello,
  openKey,
  openWalletDone,
  transcriptHash,
} from './handshake.js'
export { deriveAuthKey, deriveWalletToken, hashToken } from './pairingKeys.js'
export { buildPairingUri, type PairingUriParameters, parsePairingUri } from './pairingUri.js'
export {
  createSocketIoTransport,
  type RelayClientEvent,
  type RelayTransport,
  type RelayTransportEvent,
  type RelayTransportFactory,
  type SocketIoOptions,
} from './relayTransport.js'
export {
  checkRequestDeadline,
  maxRequestTimeoutMs,
  type RequestDeadlineCheck,
  type RequestDeadlineProblem,
  requestDeadlineSkewMs,
} from './requestDeadline.js'
export {
  type ControlMessage,
  encodeSessionMessage,
  type JsonRpcErrorObject,
  type JsonRpcId,
  type JsonRpcRequest,
  type JsonRpcResponse,
  parseSessionMessage,
  type RelayMethod,
  relayMethods,
  type SessionMessage,
} from './rpc.js'
export { createSecureChannel, type OpenResult, type SecureChannel } from './secureChannel.js'
export {
  createSessionEngine,
  type RelaySessionState,
  type RelaySessionStatus,
  type RelayTimingOptions,
  type SessionCloseOptions,
  type SessionEngine,
  type SessionEngineMessage,
  type SessionEngineParameters,
  type SessionTimers,
} from './sessionEngine.js'
export { computeVerificationCode } from './verificationCode.js'
export { commitWalletNonce } from './walletCommitment.js'
export { buildWakeUpLink, buildWalletLink, walletWindowName } from './walletLink.js'

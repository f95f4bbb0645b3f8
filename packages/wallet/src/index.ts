// Errors

export { type DecodeBase58Parameters, decodeBase58 } from './crypto/decodeBase58.js'
// Crypto
export { type DecryptJsonParameters, decryptJson } from './crypto/decryptJson.js'
export { type EncryptJsonReturnType, encryptJson } from './crypto/encryptJson.js'
export { type BuildApproveRedirectParameters, buildApproveRedirect } from './deeplink/buildApproveRedirect.js'
export { type BuildRejectRedirectParameters, buildRejectRedirect } from './deeplink/buildRejectRedirect.js'
export { type DeeplinkLimits, defaultDeeplinkLimits } from './deeplink/limits.js'
// Deeplink protocol (pure)
export {
  type Cluster,
  clusters,
  type DeeplinkMethod,
  deeplinkMethods,
  type EncryptedDeeplinkMethod,
  isCluster,
  isDeeplinkMethod,
} from './deeplink/methods.js'
export {
  type ConnectDeeplinkRequest,
  type DeeplinkRequest,
  type EncryptedDeeplinkRequest,
  type ParseDeeplinkRequestParameters,
  parseDeeplinkRequest,
} from './deeplink/parseDeeplinkRequest.js'
export {
  maxTransactionSize,
  maxTransactionsPerRequest,
  parseRequestPayload,
  type RequestPayload,
  type RequestPayloads,
} from './deeplink/parseRequestPayload.js'
export { validateRedirectLink } from './deeplink/validateRedirectLink.js'
export {
  type DeeplinkErrorCode,
  deeplinkErrorCodes,
  defaultErrorMessage,
  isDeeplinkErrorCode,
} from './errors/codes.js'
export {
  DecryptionError,
  InternalWalletError,
  InvalidRequestError,
  MethodNotFoundError,
  ReplayError,
  TransactionRejectedError,
  UnauthorizedError,
  WalletRequestError,
  type WalletRequestErrorParameters,
} from './errors/walletRequestError.js'
// Messages
export { readSignableMessage, type SignableMessage } from './message/readSignableMessage.js'
// Sessions
export {
  type IssueSessionTokenParameters,
  issueSessionToken,
  type SessionTokenClaims,
} from './session/issueSessionToken.js'
export {
  createMemorySessionStore,
  type DeeplinkSession,
  type DeeplinkSessionStore,
} from './session/sessionStore.js'
export { type VerifySessionTokenParameters, verifySessionToken } from './session/verifySessionToken.js'

// Transactions
export { parseTransactionWire, type TransactionWire } from './transaction/parseTransactionWire.js'
export { findSignerIndex, signTransactionBytes } from './transaction/signTransactionBytes.js'

// High-level wallet
export {
  type CreateDeeplinkWalletParameters,
  createDeeplinkWallet,
  type DeeplinkWallet,
} from './wallet/createDeeplinkWallet.js'
export type {
  ConnectWalletRequest,
  DisconnectWalletRequest,
  SignAllTransactionsWalletRequest,
  SignAndSendTransactionWalletRequest,
  SignMessageWalletRequest,
  SignTransactionWalletRequest,
  WalletRequest,
  WalletTransaction,
} from './wallet/walletRequest.js'

export const version = '0.0.0'

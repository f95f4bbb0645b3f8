// The deeplink entry point (`@dapplink/core/deeplink`): everything a deeplink-only dapp needs, and
// nothing that pulls in the wallet client's lazy relay chunk. The root entry re-exports all of it.

// Crypto (NaCl box + base58, as the deeplink wallets use them)
export { type DecodeBase58Options, decodeBase58, encodeBase58 } from '../crypto/base58.js'
export { estimateBase58Length, minimumBase58Length } from '../crypto/base58Length.js'
export { constantTimeEqual } from '../crypto/constantTimeEqual.js'
export { openPayload } from '../crypto/openPayload.js'
export { type SealedPayload, sealJsonPayload, sealPayload } from '../crypto/sealPayload.js'
export {
  createEncryptionKeyPair,
  deriveSharedSecret,
  encryptionPublicKeyFromSecretKey,
} from '../crypto/sharedSecret.js'
export { verifySessionToken } from '../crypto/verifySessionToken.js'
// Deeplinks: pure protocol functions
export {
  assertAbsoluteUrl,
  type BuildConnectUrlParameters,
  buildConnectUrl,
  defaultMaxUrlLength,
} from '../deeplink/buildConnectUrl.js'
export {
  assertMethodSupported,
  type BuildRequestUrlParameters,
  buildRequestUrl,
  type DeeplinkRequest,
  type DeeplinkSendOptions,
  type MessageDisplay,
} from '../deeplink/buildRequestUrl.js'
export { type Cluster, clusters, isCluster } from '../deeplink/cluster.js'
// Deeplinks: the stateful client
export { createDeeplinkClient } from '../deeplink/createDeeplinkClient.js'
export {
  type ConnectResult,
  type CreateDeeplinkClientParameters,
  type DeeplinkClient,
  type DeeplinkClientResults,
  type DeeplinkClientState,
  type DeeplinkClientStatus,
  type DeeplinkResponse,
  defaultRequestTtlMs,
  type PendingRequestInfo,
} from '../deeplink/deeplinkClient.js'
export { createMemoryStorage, type DeeplinkStorage, getDefaultStorage } from '../deeplink/deeplinkStorage.js'
export {
  type OpenConnectResponseParameters,
  type OpenConnectResponseReturnType,
  openConnectResponse,
} from '../deeplink/openConnectResponse.js'
export {
  type DeeplinkMethodResults,
  type EncryptedDeeplinkMethod,
  type OpenRequestResponseParameters,
  openRequestResponse,
} from '../deeplink/openRequestResponse.js'
export {
  type DeeplinkRedirect,
  defaultMaxResponseUrlLength,
  type ParseRedirectUrlOptions,
  parseRedirectUrl,
} from '../deeplink/parseRedirectUrl.js'
export { removeAnswerFromUrl, replaceAnswerUrl } from '../deeplink/removeAnswerFromUrl.js'
export { createRequestId, isRequestId, requestIdParam, withRequestId } from '../deeplink/requestId.js'
export {
  type SerializableTransaction,
  serializeTransaction,
  type TransactionInput,
} from '../deeplink/serializeTransaction.js'
export {
  type DeeplinkMethod,
  type DefineWalletProfileParameters,
  deeplinkMethods,
  defineWalletProfile,
  type WalletProfile,
} from '../deeplink/walletProfile.js'
export { backpack, phantom, solflare } from '../deeplink/walletProfiles.js'
export type { JsonValue, RequestOptions, WalletResponse, WalletResults } from '../deeplink/walletResponse.js'
export { DapplinkError, type DapplinkErrorParameters } from '../errors/base.js'
export {
  DecryptionError,
  InvalidArgumentError,
  InvalidBase58Error,
  InvalidResponseError,
  InvalidSignatureError,
  NavigationError,
  NotConnectedError,
  ReplayError,
  RequestCancelledError,
  RequestExpiredError,
  RequestPendingError,
  StorageError,
  UnknownRequestError,
  UnsupportedClusterError,
  UnsupportedMethodError,
  UrlTooLongError,
} from '../errors/deeplink.js'
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
  type WalletRpcErrorParameters,
  walletRpcErrorClasses,
} from '../errors/walletRpc.js'

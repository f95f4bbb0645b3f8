import { expect, it } from 'vitest'
import * as root from '../index.js'
import * as deeplink from './index.js'

it('exports', () => {
  expect(Object.keys(deeplink).sort()).toMatchInlineSnapshot(`
    [
      "DapplinkError",
      "DecryptionError",
      "InternalWalletError",
      "InvalidArgumentError",
      "InvalidBase58Error",
      "InvalidInputError",
      "InvalidResponseError",
      "MethodNotFoundError",
      "NavigationError",
      "NotConnectedError",
      "ReplayError",
      "RequestCancelledError",
      "RequestExpiredError",
      "RequestPendingError",
      "ResourceUnavailableError",
      "StorageError",
      "TransactionRejectedError",
      "UnauthorizedError",
      "UnknownRequestError",
      "UnsupportedMethodError",
      "UrlTooLongError",
      "UserRejectedRequestError",
      "WalletDisconnectedError",
      "WalletRpcError",
      "assertAbsoluteUrl",
      "assertMethodSupported",
      "backpack",
      "buildConnectUrl",
      "buildRequestUrl",
      "clusters",
      "constantTimeEqual",
      "createDeeplinkClient",
      "createEncryptionKeyPair",
      "createMemoryStorage",
      "createRequestId",
      "createWalletRpcError",
      "decodeBase58",
      "deeplinkMethods",
      "defaultMaxResponseUrlLength",
      "defaultMaxUrlLength",
      "defaultRequestTtlMs",
      "defineWalletProfile",
      "deriveSharedSecret",
      "encodeBase58",
      "encryptionPublicKeyFromSecretKey",
      "estimateBase58Length",
      "getDefaultStorage",
      "isCluster",
      "isRequestId",
      "minimumBase58Length",
      "openConnectResponse",
      "openPayload",
      "openRequestResponse",
      "parseRedirectUrl",
      "phantom",
      "requestIdParam",
      "sealJsonPayload",
      "sealPayload",
      "serializeTransaction",
      "solflare",
      "verifySessionToken",
      "walletRpcErrorClasses",
      "withRequestId",
    ]
  `)
})

it('is a subset of the root entry, with the same bindings (one class per name for instanceof)', () => {
  const rootBindings = new Map(Object.entries(root))
  for (const [name, value] of Object.entries(deeplink)) expect(rootBindings.get(name)).toBe(value)
})

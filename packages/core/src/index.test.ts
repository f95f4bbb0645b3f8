import { expect, it, vi } from 'vitest'
import * as core from './index.js'

// An accidental change to the public API fails here; update the snapshot only on purpose.
it('exports', () => {
  expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
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

it('touches no window, storage or network at import time', async () => {
  const touched: string[] = []
  for (const name of [
    'window',
    'document',
    'sessionStorage',
    'localStorage',
    'fetch',
    'WebSocket',
    'XMLHttpRequest',
  ])
    vi.stubGlobal(name, new Proxy({}, { get: (_, key) => touched.push(`${name}.${String(key)}`) }))
  try {
    vi.resetModules()
    const fresh = await import('./index.js')
    fresh.createDeeplinkClient({
      profile: fresh.phantom,
      appUrl: 'https://dapp.example',
      redirectLink: 'https://dapp.example/',
    })
    expect(touched).toEqual([])
  } finally {
    vi.unstubAllGlobals()
  }
})

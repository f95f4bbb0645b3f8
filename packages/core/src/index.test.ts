import { expect, it, vi } from 'vitest'
import * as core from './index.js'

// An accidental change to the public API fails here; update the snapshot only on purpose.
it('exports', () => {
  expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
    [
      "ConnectionCancelledError",
      "DapplinkError",
      "DecryptionError",
      "EthereumProviderUnavailableError",
      "FrameTooLargeError",
      "HandshakeAuthenticationError",
      "HandshakeTimeoutError",
      "InsecureRelayUrlError",
      "InternalWalletError",
      "InvalidArgumentError",
      "InvalidBase58Error",
      "InvalidInputError",
      "InvalidPairingUriError",
      "InvalidResponseError",
      "InvalidSignatureError",
      "MalformedFrameError",
      "MessageTooLargeError",
      "MetamaskNotConfiguredError",
      "MethodNotFoundError",
      "NavigationError",
      "NotConnectedError",
      "OutOfOrderError",
      "ProtocolError",
      "RelayNotConfiguredError",
      "RelayRequestError",
      "ReplayError",
      "RequestAbortedError",
      "RequestCancelledError",
      "RequestExpiredError",
      "RequestPendingError",
      "RequestTimeoutError",
      "ResourceUnavailableError",
      "SessionClosedError",
      "SessionOverflowError",
      "StorageError",
      "TransactionRejectedError",
      "TransactionSendError",
      "UnauthorizedError",
      "UnexpectedFrameError",
      "UnknownMessageError",
      "UnknownRequestError",
      "UnknownWalletProfileError",
      "UnsupportedClusterError",
      "UnsupportedMethodError",
      "UrlTooLongError",
      "UserRejectedRequestError",
      "WakeUpUnavailableError",
      "WalletDisconnectedError",
      "WalletNotSelectedError",
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
      "createRpcSender",
      "createWalletClient",
      "createWalletClientFromTransports",
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
      "initialWalletState",
      "isCluster",
      "isRequestId",
      "minimumBase58Length",
      "openConnectResponse",
      "openPayload",
      "openRequestResponse",
      "parseRedirectUrl",
      "phantom",
      "removeAnswerFromUrl",
      "replaceAnswerUrl",
      "requestIdParam",
      "sealJsonPayload",
      "sealPayload",
      "serializeTransaction",
      "solflare",
      "verifySessionToken",
      "walletActions",
      "walletRpcErrorClasses",
      "walletStatusFlags",
      "walletWindowName",
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

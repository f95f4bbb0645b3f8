import { expect, test } from 'vitest'
import * as exports from './index.js'

// An accidental change to the public API fails here; update the snapshot on purpose.
test('exports', () => {
  expect(Object.keys(exports).sort()).toMatchInlineSnapshot(`
    [
      "DecryptionError",
      "InternalWalletError",
      "InvalidRequestError",
      "MethodNotFoundError",
      "ReplayError",
      "TransactionRejectedError",
      "UnauthorizedError",
      "WalletRequestError",
      "buildApproveRedirect",
      "buildRejectRedirect",
      "clusters",
      "createDeeplinkWallet",
      "createMemorySessionStore",
      "decodeBase58",
      "decryptJson",
      "deeplinkErrorCodes",
      "deeplinkMethods",
      "defaultDeeplinkLimits",
      "defaultErrorMessage",
      "encryptJson",
      "findSignerIndex",
      "isCluster",
      "isDeeplinkErrorCode",
      "isDeeplinkMethod",
      "issueSessionToken",
      "maxTransactionSize",
      "maxTransactionsPerRequest",
      "parseDeeplinkRequest",
      "parseRequestPayload",
      "parseTransactionWire",
      "readSignableMessage",
      "signTransactionBytes",
      "validateRedirectLink",
      "verifySessionToken",
      "version",
    ]
  `)
})

import { expect, it } from 'vitest'
import * as client from './index.js'

// An accidental change to the wallet client's public API fails here; update the snapshot only on purpose.
it('exports', () => {
  expect(Object.keys(client).sort()).toMatchInlineSnapshot(`
    [
      "ConnectionCancelledError",
      "EthereumProviderUnavailableError",
      "MetamaskNotConfiguredError",
      "RelayNotConfiguredError",
      "TransactionSendError",
      "UnknownWalletProfileError",
      "WalletNotSelectedError",
      "createRpcSender",
      "createWalletClient",
      "createWalletClientFromTransports",
      "initialWalletState",
      "walletActions",
      "walletStatusFlags",
    ]
  `)
})

import { describe, expect, it } from 'vitest'
import { createDemoConfig, referenceWalletId } from './createDemoConfig.js'

describe('createDemoConfig', () => {
  // Each demo passes its own name; both must reach the config unchanged.
  it.each(['dapplink React demo', 'dapplink Vue demo'])(
    'offers the reference wallet by deeplink, the relay with its wallet link and MetaMask (%s)',
    (appName) => {
      const config = createDemoConfig({
        settings: {
          walletUrl: 'http://localhost:5175',
          relayUrl: 'http://127.0.0.1:8787',
          rpcUrl: 'http://127.0.0.1:8899',
          mwpRelayUrl: 'ws://127.0.0.1:8790/connection/websocket',
        },
        appUrl: 'http://localhost:5173',
        appName,
      })
      expect(config.appName).toBe(appName)
      expect(config.wallets).toEqual([
        {
          id: referenceWalletId,
          name: 'Reference wallet',
          baseUrl: 'http://localhost:5175/ul/v1/',
          encryptionPublicKeyParam: 'phantom_encryption_public_key',
          methods: [
            'connect',
            'disconnect',
            'signMessage',
            'signTransaction',
            'signAllTransactions',
            'signAndSendTransaction',
          ],
          deprecatedMethods: [],
          clusters: undefined,
        },
      ])
      expect(config.relay).toEqual({
        url: 'http://127.0.0.1:8787',
        walletLinkBaseUrl: 'http://localhost:5175/ul/v1/',
        appInPairingUri: false,
      })
      // MetaMask Mobile pairing goes through the local relay stand-in, with Ethereum mainnet for personal_sign.
      expect(config.metamask).toEqual({
        relayUrl: 'ws://127.0.0.1:8790/connection/websocket',
        evmChainIds: [1],
      })
    },
  )
})

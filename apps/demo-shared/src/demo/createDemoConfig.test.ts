import { describe, expect, it } from 'vitest'
import { createDemoConfig, referenceWalletId } from './createDemoConfig.js'

describe('createDemoConfig', () => {
  // Each demo passes its own name; both must reach the config unchanged.
  it.each(['dapplink React demo', 'dapplink Vue demo'])(
    'offers the reference wallet by deeplink and the relay with its wallet link (%s)',
    (appName) => {
      const config = createDemoConfig({
        settings: {
          walletUrl: 'http://localhost:5175',
          relayUrl: 'http://127.0.0.1:8787',
          rpcUrl: 'http://127.0.0.1:8899',
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
    },
  )
})

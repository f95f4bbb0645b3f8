import { describe, expect, it } from 'vitest'
import { createDemoConfig, referenceWalletId } from './createDemoConfig.js'

describe('createDemoConfig', () => {
  it('offers the reference wallet by deeplink and the relay with its wallet link', () => {
    const config = createDemoConfig({
      settings: {
        walletUrl: 'http://localhost:5175',
        relayUrl: 'http://127.0.0.1:8787',
        rpcUrl: 'http://127.0.0.1:8899',
      },
      appUrl: 'http://localhost:5173',
      appName: 'dapplink Vue demo',
    })
    expect(config.appName).toBe('dapplink Vue demo')
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
      },
    ])
    expect(config.relay).toEqual({
      url: 'http://127.0.0.1:8787',
      walletLinkBaseUrl: 'http://localhost:5175/ul/v1/',
    })
  })
})

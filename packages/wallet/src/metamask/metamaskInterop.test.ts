import { type SpawnedMwpRelay, spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMetaMaskDapp, dappMetadata } from '../testing/metamaskDappHarness.js'
import { buildMwpLink } from './buildMwpLink.js'
import { createMwpWallet } from './createMwpWallet.js'
import { createMwpMemorySessionStore } from './memorySessionStore.js'
import { solanaScopes } from './multichainSession.js'

// The proof: MetaMask's own dapp client pairs with this wallet through the relay process on
// 127.0.0.1, creates a Multichain session and gets a Solana signMessage that verifies.

let relay: SpawnedMwpRelay
beforeAll(async () => {
  relay = await spawnMwpRelay()
})
afterAll(async () => {
  await relay.stop()
})

describe("MetaMask's dapp client against the dapplink MWP wallet", () => {
  it.each([
    ["MetaMask's SessionStore", undefined],
    ['the Buffer-free browser store', () => createMwpMemorySessionStore()],
  ])(
    'pairs (trusted) with %s, completes wallet_createSession and a verified Solana signMessage',
    async (_, createSessionStore) => {
      const account = nacl.sign.keyPair()
      const address = bs58.encode(account.publicKey)
      const approvals: string[] = []
      const wallet = createMwpWallet({
        relayUrl: relay.url,
        solanaSecretKeys: [account.secretKey],
        websocket: WebSocket,
        ...(createSessionStore ? { createSessionStore } : {}),
        onRequest: (request) => {
          approvals.push(request.kind)
          return true
        },
      })
      const dapp = await createMetaMaskDapp(relay.url)
      const paired = dapp
        .sessionRequest()
        .then(async (request) => wallet.pair(await buildMwpLink(request, dappMetadata)))
      await dapp.client.connect({ mode: 'trusted' })
      const session = await paired
      expect(dapp.client.state).toBe('CONNECTED')
      expect(session.status()).toBe('connected')
      expect(session.dapp).toMatchObject({ name: 'Test dapp', url: 'https://dapp.example' })

      const created = await dapp.request('wallet_createSession', {
        optionalScopes: { [solanaScopes.mainnet]: { methods: [], notifications: [], accounts: [] } },
        sessionProperties: { solana_accountChanged_notifications: true },
      })
      expect(created['result']).toEqual({
        sessionScopes: {
          [solanaScopes.mainnet]: {
            methods: ['signAndSendTransaction', 'signIn', 'signMessage', 'signTransaction'],
            notifications: [],
            accounts: [`${solanaScopes.mainnet}:${address}`],
          },
        },
        sessionProperties: { solana_accountChanged_notifications: true },
      })

      const message = new TextEncoder().encode('Sign in to Test dapp')
      const signed = await dapp.request('wallet_invokeMethod', {
        scope: solanaScopes.mainnet,
        request: {
          method: 'signMessage',
          params: { message: Buffer.from(message).toString('base64'), account: { address } },
        },
      })
      const result = signed['result'] as { signature: string; signedMessage: string; signatureType: string }
      expect(result.signatureType).toBe('ed25519')
      expect(result.signedMessage).toBe(Buffer.from(message).toString('base64'))
      expect(nacl.sign.detached.verify(message, bs58.decode(result.signature), account.publicKey)).toBe(true)
      expect(approvals).toEqual(['createSession', 'signMessage'])
      expect(dapp.errors).toEqual([])

      await session.end()
      await dapp.client.disconnect()
    },
  )
})

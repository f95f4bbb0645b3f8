import { type SpawnedMwpRelay, spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMetaMaskDapp, dappMetadata } from '../testing/metamaskDappHarness.js'
import { buildMwpLink } from './buildMwpLink.js'
import { createMwpWallet } from './createMwpWallet.js'
import { solanaScopes } from './multichainSession.js'

// The relay process dies and comes back on the same port (new epoch, empty history): both sides'
// centrifuge clients reconnect and resubscribe, and the session carries on.

const relays: SpawnedMwpRelay[] = []
afterAll(async () => {
  for (const relay of relays) await relay.stop()
})

describe('the relay dropping and coming back', () => {
  it('keeps the MWP session: a request after the restart is answered', async () => {
    const first = await spawnMwpRelay()
    relays.push(first)
    const account = nacl.sign.keyPair()
    const address = bs58.encode(account.publicKey)
    const wallet = createMwpWallet({
      relayUrl: first.url,
      solanaSecretKeys: [account.secretKey],
      websocket: WebSocket,
      onRequest: () => true,
    })
    const dapp = await createMetaMaskDapp(first.url)
    const paired = dapp
      .sessionRequest()
      .then(async (request) => wallet.pair(await buildMwpLink(request, dappMetadata)))
    await dapp.client.connect({ mode: 'trusted' })
    const session = await paired
    await dapp.request('wallet_createSession', { optionalScopes: { [solanaScopes.mainnet]: {} } })

    await first.kill()
    const second = await spawnMwpRelay({ args: ['--port', String(first.port)] })
    relays.push(second)

    const message = new TextEncoder().encode('after the restart')
    const answer = await dapp.request('wallet_invokeMethod', {
      scope: solanaScopes.mainnet,
      request: {
        method: 'signMessage',
        params: { message: Buffer.from(message).toString('base64'), account: { address } },
      },
    })
    const result = answer['result'] as { signature: string }
    expect(nacl.sign.detached.verify(message, bs58.decode(result.signature), account.publicKey)).toBe(true)
    await session.end()
    await dapp.client.disconnect()
  })
})

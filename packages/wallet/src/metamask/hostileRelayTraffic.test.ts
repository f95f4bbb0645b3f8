import { type SpawnedMwpRelay, spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMetaMaskDapp, dappMetadata } from '../testing/metamaskDappHarness.js'
import { buildMwpLink } from './buildMwpLink.js'
import { createMwpWallet } from './createMwpWallet.js'
import { solanaScopes } from './multichainSession.js'
import type { MwpWalletRequest } from './mwpWalletRequest.js'

// Anyone who learns a session channel can publish to it (MWP has no channel authentication): a
// replayed envelope, an unknown client id, a tampered ciphertext. Each is dropped or reported as a
// typed error; the wallet never answers twice and keeps serving the real dapp.

let relay: SpawnedMwpRelay
beforeAll(async () => {
  relay = await spawnMwpRelay()
})
afterAll(async () => {
  await relay.stop()
})

/** A bare Centrifugo JSON-protocol client: what an eavesdropper on the channel could run. */
async function rawClient(url: string, channel: string) {
  const socket = new WebSocket(url)
  const publications: string[] = []
  let nextId = 1
  const acks = new Map<number, () => void>()
  socket.on('message', (frame) => {
    for (const line of frame.toString().split('\n')) {
      const reply = JSON.parse(line) as { id?: number; push?: { pub?: { data: string } } }
      if (reply.push?.pub) publications.push(reply.push.pub.data)
      if (reply.id) acks.get(reply.id)?.()
    }
  })
  await new Promise((resolve) => socket.once('open', resolve))
  const command = (body: object) =>
    new Promise<void>((resolve) => {
      const id = nextId++
      acks.set(id, resolve)
      socket.send(JSON.stringify({ id, ...body }))
    })
  await command({ connect: {} })
  await command({ subscribe: { channel } })
  return {
    publications,
    publish: (data: string) => command({ publish: { channel, data } }),
    close: () => socket.close(),
  }
}

describe('hostile traffic on a session channel', () => {
  it('drops a replayed request and reports a forged one, then answers the next real request', async () => {
    const account = nacl.sign.keyPair()
    const address = bs58.encode(account.publicKey)
    const asked: MwpWalletRequest[] = []
    const errors: Error[] = []
    const wallet = createMwpWallet({
      relayUrl: relay.url,
      solanaSecretKeys: [account.secretKey],
      websocket: WebSocket,
      onRequest: (request) => {
        asked.push(request)
        return true
      },
      onError: (error) => errors.push(error),
    })
    const dapp = await createMetaMaskDapp(relay.url)
    const paired = dapp
      .sessionRequest()
      .then(async (request) => wallet.pair(await buildMwpLink(request, dappMetadata)))
    await dapp.client.connect({ mode: 'trusted' })
    const session = await paired
    // The channel is no secret to the relay, or to whoever saw the handshake.
    const channel = (dapp.client as unknown as { session: { channel: string } }).session.channel
    const eavesdropper = await rawClient(relay.url, channel)

    await dapp.request('wallet_createSession', { optionalScopes: { [solanaScopes.mainnet]: {} } })
    const signMessage = () =>
      dapp.request('wallet_invokeMethod', {
        scope: solanaScopes.mainnet,
        request: {
          method: 'signMessage',
          params: { message: Buffer.from('hello').toString('base64'), account: { address } },
        },
      })
    await signMessage()
    expect(asked.map((request) => request.kind)).toEqual(['createSession', 'signMessage'])
    const dappEnvelopes = eavesdropper.publications.filter(
      (data) => (JSON.parse(data) as { clientId: string }).clientId !== undefined,
    )

    // Replay every envelope seen so far, verbatim: same (clientId, nonce), so all are duplicates.
    for (const envelope of dappEnvelopes) await eavesdropper.publish(envelope)
    // A forged envelope from an unknown client id whose ciphertext does not open.
    const forged = {
      clientId: 'eavesdropper',
      nonce: 1,
      payload: Buffer.from(new Uint8Array(200)).toString('base64'),
    }
    await eavesdropper.publish(JSON.stringify(forged))
    // A real dapp ciphertext with one byte flipped, re-sent under another client id. (Under the dapp's
    // own client id with a higher nonce it would also advance MetaMask's transport's dedupe counter,
    // which runs before decryption, and silence the dapp: a weakness of MetaMask's transport that this
    // wallet inherits; see docs/metamask-test-infrastructure.md.)
    const original = JSON.parse(dappEnvelopes[0] ?? '{}') as {
      clientId: string
      nonce: number
      payload: string
    }
    const tampered = Buffer.from(original.payload, 'base64')
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1
    await eavesdropper.publish(
      JSON.stringify({ clientId: 'tamperer', nonce: 1, payload: tampered.toString('base64') }),
    )

    // The real dapp still gets its answer; nothing above was answered or approved.
    const answer = await signMessage()
    expect(answer['result']).toMatchObject({ signatureType: 'ed25519' })
    expect(asked.map((request) => request.kind)).toEqual(['createSession', 'signMessage', 'signMessage'])
    expect(errors.map((error) => error.name)).toEqual(['DECRYPTION_FAILED', 'DECRYPTION_FAILED'])
    eavesdropper.close()
    await session.end()
    await dapp.client.disconnect()
  })
})

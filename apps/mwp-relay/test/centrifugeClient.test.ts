import { Centrifuge, type PublicationContext, type SubscribedContext, type Subscription } from 'centrifuge'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type SpawnedMwpRelay, spawnMwpRelay } from '../src/testing/spawnMwpRelay.js'

// The real `centrifuge` client against the real relay process on 127.0.0.1.

let relay: SpawnedMwpRelay
const clients: Centrifuge[] = []

beforeAll(async () => {
  relay = await spawnMwpRelay({ args: ['--history-size', '5', '--max-publication-bytes', '2048'] })
})
afterAll(async () => {
  for (const client of clients) client.disconnect()
  await relay.stop()
})

const newClient = (): Centrifuge => {
  const client = new Centrifuge(relay.url, {
    websocket: WebSocket,
    minReconnectDelay: 50,
    maxReconnectDelay: 200,
  })
  clients.push(client)
  return client
}

const connected = (client: Centrifuge) =>
  new Promise<{ client: string; transport: string }>((resolve) => {
    client.once('connected', resolve)
    client.connect()
  })

const subscribed = (subscription: Subscription) =>
  new Promise<SubscribedContext>((resolve) => {
    subscription.once('subscribed', resolve)
    subscription.subscribe()
  })

const nextPublications = (subscription: Subscription, count: number) =>
  new Promise<PublicationContext[]>((resolve) => {
    const received: PublicationContext[] = []
    const onPublication = (ctx: PublicationContext) => {
      received.push(ctx)
      if (received.length === count) {
        subscription.off('publication', onPublication)
        resolve(received)
      }
    }
    subscription.on('publication', onPublication)
  })

let channelCount = 0
const freshChannel = () => `session:${process.pid}-${++channelCount}`

describe('the centrifuge client against the MWP relay process', () => {
  it('connects anonymously over the WebSocket transport', async () => {
    const client = newClient()
    const context = await connected(client)
    expect(context.transport).toBe('websocket')
    expect(context.client).toMatch(/^[0-9a-f-]{36}$/)
    expect(client.state).toBe('connected')
  })

  it('subscribes as recoverable and positioned, and relays publications to every subscriber', async () => {
    const channel = freshChannel()
    const dapp = newClient()
    const wallet = newClient()
    await Promise.all([connected(dapp), connected(wallet)])
    const dappSubscription = dapp.newSubscription(channel, { recoverable: true, positioned: true })
    const walletSubscription = wallet.newSubscription(channel, { recoverable: true, positioned: true })
    const subscribedContext = await subscribed(dappSubscription)
    expect(subscribedContext.recoverable).toBe(true)
    expect(subscribedContext.positioned).toBe(true)
    expect(subscribedContext.streamPosition?.offset).toBe(0)
    await subscribed(walletSubscription)
    const atWallet = nextPublications(walletSubscription, 2)
    const atDapp = nextPublications(dappSubscription, 2)
    await dapp.publish(channel, '{"clientId":"a","nonce":1,"payload":"x"}')
    await dapp.publish(channel, { structured: [1, 2, 3] })
    const received = await atWallet
    expect(received.map((publication) => publication.data)).toEqual([
      '{"clientId":"a","nonce":1,"payload":"x"}',
      { structured: [1, 2, 3] },
    ])
    expect(received.map((publication) => publication.offset)).toEqual([1, 2])
    // As Centrifugo does, the publisher's own subscription gets it too.
    expect((await atDapp).map((publication) => publication.offset)).toEqual([1, 2])
  })

  it('keeps a bounded history that a late subscriber reads', async () => {
    const channel = freshChannel()
    const publisher = newClient()
    await connected(publisher)
    for (let index = 1; index <= 8; index++) await publisher.publish(channel, `message ${index}`)
    const late = newClient()
    await connected(late)
    const subscription = late.newSubscription(channel, { recoverable: true, positioned: true })
    await subscribed(subscription)
    const history = await subscription.history({ limit: 50 })
    // historySize is 5: the three oldest are gone.
    expect(history.publications.map((publication) => publication.data)).toEqual([
      'message 4',
      'message 5',
      'message 6',
      'message 7',
      'message 8',
    ])
    expect(history.offset).toBe(8)
    const newestFirst = await subscription.history({ limit: 2, reverse: true })
    expect(newestFirst.publications.map((publication) => publication.data)).toEqual([
      'message 8',
      'message 7',
    ])
  })

  it('recovers the publications a subscriber missed while disconnected', async () => {
    const channel = freshChannel()
    const dapp = newClient()
    const wallet = newClient()
    await Promise.all([connected(dapp), connected(wallet)])
    const walletSubscription = wallet.newSubscription(channel, { recoverable: true, positioned: true })
    await subscribed(walletSubscription)
    const first = nextPublications(walletSubscription, 1)
    await dapp.publish(channel, 'before the background')
    await first
    // The wallet goes to the background: its socket is gone.
    await new Promise<void>((resolve) => {
      wallet.once('disconnected', () => resolve())
      wallet.disconnect()
    })
    await dapp.publish(channel, 'while away 1')
    await dapp.publish(channel, 'while away 2')
    const missed = nextPublications(walletSubscription, 2)
    const resubscribed = new Promise<SubscribedContext>((resolve) =>
      walletSubscription.once('subscribed', resolve),
    )
    wallet.connect()
    const context = await resubscribed
    expect(context.wasRecovering).toBe(true)
    expect(context.recovered).toBe(true)
    expect((await missed).map((publication) => publication.data)).toEqual(['while away 1', 'while away 2'])
  })

  it('rejects an oversized publication with "limit exceeded" and keeps the connection', async () => {
    const client = newClient()
    await connected(client)
    const channel = freshChannel()
    await expect(client.publish(channel, 'x'.repeat(3_000))).rejects.toMatchObject({ code: 106 })
    await expect(client.publish(channel, 'small')).resolves.toEqual({})
    expect(client.state).toBe('connected')
  })

  it('answers a subscription to an invalid channel name with a typed error', async () => {
    const client = newClient()
    await connected(client)
    const subscription = client.newSubscription(`bad channel ${'x'.repeat(10)}`)
    // A permanent subscribe error unsubscribes with the server's code, without a retry.
    const unsubscribed = new Promise<{ channel: string; code: number; reason: string }>((resolve) =>
      subscription.once('unsubscribed', resolve),
    )
    subscription.subscribe()
    expect(await unsubscribed).toEqual({
      channel: subscription.channel,
      code: 102,
      reason: 'unknown channel',
    })
  })
})

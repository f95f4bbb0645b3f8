import { createHash, randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RedisServerHandle, startRedisServer } from '../testing/redisServer.js'
import type { ChannelStore, StorePolicy } from './ChannelStore.js'
import { MemoryChannelStore } from './MemoryChannelStore.js'
import { RedisChannelStore } from './RedisChannelStore.js'

const policy: StorePolicy = {
  queueMaxFrames: 4,
  queueMaxBytes: 100,
  queueTtlMs: 1_000,
  halfOpenTtlMs: 100,
  idleTtlMs: 500,
}

const hash = () => createHash('sha256').update(randomBytes(32)).digest('base64url')
const newId = () => randomBytes(16).toString('base64url')
const frame = (n: number) => Buffer.from([n, 0, 255, n])

let redis: RedisServerHandle
let client: Redis
beforeAll(async () => {
  redis = await startRedisServer()
  client = new Redis(redis.url)
})
afterAll(async () => {
  await client?.quit()
  await redis?.stop()
})

const stores: [string, () => ChannelStore][] = [
  ['memory', () => new MemoryChannelStore(policy)],
  ['redis', () => new RedisChannelStore(client, policy, `s${randomBytes(4).toString('hex')}`)],
]

describe.each(stores)('%s ChannelStore', (_kind, makeStore) => {
  async function channelWithMembers(store: ChannelStore, t = 1_000) {
    const channel = newId()
    const hashes = { dappTokenHash: hash(), walletTokenHash: hash() }
    expect(await store.create(channel, hashes, t)).toBe('created')
    expect(await store.claim(channel, 'dapp', 'D', hashes.dappTokenHash, t)).toEqual({
      status: 'ok',
      previous: null,
      peer: null,
    })
    expect(await store.claim(channel, 'wallet', 'W', hashes.walletTokenHash, t)).toEqual({
      status: 'ok',
      previous: null,
      peer: 'D',
    })
    return { channel, hashes }
  }

  it('creates idempotently and refuses other hashes', async () => {
    const store = makeStore()
    const channel = newId()
    const hashes = { dappTokenHash: hash(), walletTokenHash: hash() }
    expect(await store.create(channel, hashes, 0)).toBe('created')
    expect(await store.create(channel, hashes, 0)).toBe('exists')
    expect(await store.create(channel, { ...hashes, walletTokenHash: hash() }, 0)).toBe('conflict')
    expect(await store.tokenHash(channel, 'wallet')).toBe(hashes.walletTokenHash)
    expect(await store.tokenHash(newId(), 'wallet')).toBeNull()
  })

  it('numbers frames per recipient, strictly increasing, and acks only the own queue', async () => {
    const store = makeStore()
    const { channel } = await channelWithMembers(store)
    expect(await store.enqueue(channel, 'D', frame(1), 1_000)).toEqual({
      status: 'ok',
      id: 1,
      recipient: 'wallet',
      recipientSocket: 'W',
    })
    expect(await store.enqueue(channel, 'D', frame(2), 1_000)).toMatchObject({ id: 2 })
    expect(await store.enqueue(channel, 'W', frame(3), 1_000)).toMatchObject({ id: 1, recipient: 'dapp' })
    expect(await store.enqueue(channel, 'X', frame(4), 1_000)).toEqual({ status: 'not_member' })
    // The dapp's ack of "2" touches only the dapp's queue.
    expect(await store.ack(channel, 'D', 2)).toBe('ok')
    expect((await store.pending(channel, 'W', 0, 1_000, 10))?.map((f) => [f.id, [...f.frame]])).toEqual([
      [1, [...frame(1)]],
      [2, [...frame(2)]],
    ])
    expect(await store.pending(channel, 'D', 0, 1_000, 10)).toEqual([])
    expect(await store.ack(channel, 'X', 9)).toBe('not_member')
    expect(await store.ack(channel, 'W', 1)).toBe('ok')
    expect((await store.pending(channel, 'W', 0, 1_000, 10))?.map((f) => f.id)).toEqual([2])
    expect((await store.pending(channel, 'W', 2, 1_000, 10))?.map((f) => f.id)).toEqual([])
    await store.ack(channel, 'W', 2)
    // Ids keep growing after the queue emptied.
    expect(await store.enqueue(channel, 'D', frame(5), 1_000)).toMatchObject({ id: 3 })
    expect(await store.pending(channel, 'X', 0, 1_000, 10)).toBeNull()
  })

  it('bounds the queue by count, bytes and age', async () => {
    const store = makeStore()
    const { channel } = await channelWithMembers(store)
    for (let i = 0; i < 4; i++) expect((await store.enqueue(channel, 'D', frame(i), 1_000)).status).toBe('ok')
    expect(await store.enqueue(channel, 'D', frame(9), 1_500)).toEqual({ status: 'queue_full' })
    // At 2,000 the frames of 1,000 are a full TTL old: gone.
    expect(await store.enqueue(channel, 'D', Buffer.alloc(90), 2_000)).toMatchObject({ status: 'ok', id: 5 })
    expect(await store.enqueue(channel, 'D', Buffer.alloc(11), 2_000)).toEqual({ status: 'queue_full' })
    expect((await store.pending(channel, 'W', 0, 2_999, 10))?.map((f) => f.id)).toEqual([5])
    expect(await store.pending(channel, 'W', 0, 3_000, 10)).toEqual([])
  })

  it('replaces the holder of a role and releases only the current holder', async () => {
    const store = makeStore()
    const { channel, hashes } = await channelWithMembers(store)
    expect(await store.claim(channel, 'wallet', 'W2', hashes.walletTokenHash, 1_000)).toEqual({
      status: 'ok',
      previous: 'W',
      peer: 'D',
    })
    expect(await store.release(channel, 'W')).toEqual({ status: 'not_member' })
    expect(await store.claim(channel, 'wallet', 'D', hashes.walletTokenHash, 1_000)).toEqual({
      status: 'holds_other_role',
    })
    expect(await store.claim(channel, 'wallet', 'W3', hash(), 1_000)).toEqual({ status: 'unauthorized' })
    expect(await store.release(channel, 'W2')).toEqual({ status: 'ok', role: 'wallet', peer: 'D' })
    expect(await store.remove(channel, 'W2')).toEqual({ status: 'not_member' })
    expect(await store.remove(channel, 'D')).toEqual({ status: 'ok', role: 'dapp', peer: null })
    expect(await store.release(channel, 'D')).toEqual({ status: 'unknown_channel' })
  })

  it('pairs a channel: the wallet role then takes the session hash only, the pairing hash is superseded', async () => {
    const store = makeStore()
    const { channel, hashes } = await channelWithMembers(store)
    const sessionHash = hash()
    expect(await store.joinHashes(channel, 'wallet')).toEqual({
      accepted: hashes.walletTokenHash,
      superseded: null,
      peerPresent: true,
    })
    // Only the socket holding the dapp role can pair the channel.
    expect(await store.rekey(channel, 'W', sessionHash, 1_000)).toBe('not_member')
    expect(await store.rekey(channel, 'X', sessionHash, 1_000)).toBe('not_member')
    expect(await store.rekey(newId(), 'D', sessionHash, 1_000)).toBe('unknown_channel')
    expect(await store.rekey(channel, 'D', sessionHash, 1_000)).toBe('ok')
    expect(await store.rekey(channel, 'D', sessionHash, 1_000)).toBe('ok')
    expect(await store.rekey(channel, 'D', hash(), 1_000)).toBe('conflict')
    expect(await store.joinHashes(channel, 'wallet')).toEqual({
      accepted: sessionHash,
      superseded: hashes.walletTokenHash,
      peerPresent: true,
    })
    expect(await store.joinHashes(channel, 'dapp')).toEqual({
      accepted: hashes.dappTokenHash,
      superseded: null,
      peerPresent: true,
    })
    // Once the dapp's socket is gone, a refused wallet learns that the dapp is not there.
    await store.release(channel, 'D')
    expect((await store.joinHashes(channel, 'wallet'))?.peerPresent).toBe(false)
    await store.claim(channel, 'dapp', 'D', hashes.dappTokenHash, 1_000)
    // The pairing hash no longer claims the role; the session hash does, and replaces the holder.
    expect(await store.claim(channel, 'wallet', 'Q', hashes.walletTokenHash, 1_000)).toEqual({
      status: 'unauthorized',
    })
    expect(await store.claim(channel, 'wallet', 'W2', sessionHash, 1_000)).toEqual({
      status: 'ok',
      previous: 'W',
      peer: 'D',
    })
    // The hash as created stays readable (the relay tells a pairing token from a wrong one).
    expect(await store.tokenHash(channel, 'wallet')).toBe(hashes.walletTokenHash)
    expect(await store.joinHashes(newId(), 'wallet')).toBeNull()
  })

  it('re-creates a paired channel paired, and pairs an existing one through create', async () => {
    const store = makeStore()
    const channel = newId()
    const sessionHash = hash()
    const hashes = { dappTokenHash: hash(), walletTokenHash: hash() }
    // After a restart: the channel is born paired, so the pairing token never joins it.
    expect(await store.create(channel, { ...hashes, walletSessionTokenHash: sessionHash }, 0)).toBe('created')
    expect(await store.joinHashes(channel, 'wallet')).toEqual({
      accepted: sessionHash,
      superseded: hashes.walletTokenHash,
      peerPresent: false,
    })
    expect(await store.claim(channel, 'wallet', 'Q', hashes.walletTokenHash, 0)).toEqual({
      status: 'unauthorized',
    })
    // Idempotent with the same session hash, or without one (a create never unpairs).
    expect(await store.create(channel, { ...hashes, walletSessionTokenHash: sessionHash }, 0)).toBe('exists')
    expect(await store.create(channel, hashes, 0)).toBe('exists')
    expect((await store.joinHashes(channel, 'wallet'))?.accepted).toBe(sessionHash)
    expect(await store.create(channel, { ...hashes, walletSessionTokenHash: hash() }, 0)).toBe('conflict')

    // A channel created unpaired (the rekey was lost) is paired by the dapp's next create.
    const unpaired = newId()
    expect(await store.create(unpaired, hashes, 0)).toBe('created')
    expect(await store.create(unpaired, { ...hashes, walletSessionTokenHash: sessionHash }, 0)).toBe('exists')
    expect((await store.joinHashes(unpaired, 'wallet'))?.accepted).toBe(sessionHash)
  })

  it('hands over what is still queued for the peer when a member deletes the channel', async () => {
    const store = makeStore()
    const { channel } = await channelWithMembers(store)
    await store.enqueue(channel, 'D', frame(1), 1_000)
    await store.enqueue(channel, 'D', frame(2), 1_000)
    await store.ack(channel, 'W', 1)
    const removed = await store.remove(channel, 'D')
    expect(removed).toMatchObject({ status: 'ok', role: 'dapp', peer: 'W' })
    const queue = removed.status === 'ok' ? removed.peerQueue : undefined
    expect(queue?.map((queued) => [queued.id, [...queued.frame]])).toEqual([[2, [...frame(2)]]])
    expect(await store.tokenHash(channel, 'dapp')).toBeNull()
  })

  it('expires half-open channels and idle channels, and returns their members', async () => {
    const store = makeStore()
    const halfOpen = newId()
    const hashes = { dappTokenHash: hash(), walletTokenHash: hash() }
    await store.create(halfOpen, hashes, 1_000)
    await store.claim(halfOpen, 'dapp', 'D1', hashes.dappTokenHash, 1_000)
    const { channel: joined } = await channelWithMembers(store, 1_000)
    expect(await store.sweep(1_099, 100)).toEqual([])
    expect(await store.sweep(1_100, 100)).toEqual([{ channel: halfOpen, sockets: ['D1'] }])
    // Activity at 1,400 moves the idle deadline to 1,900.
    await store.enqueue(joined, 'D', frame(1), 1_400)
    expect(await store.sweep(1_899, 100)).toEqual([])
    const expired = await store.sweep(1_900, 100)
    expect(expired.map((e) => [e.channel, [...e.sockets].sort()])).toEqual([[joined, ['D', 'W']]])
    expect(await store.tokenHash(joined, 'dapp')).toBeNull()
    expect(await store.sweep(10_000, 100)).toEqual([])
  })
})

describe('MemoryChannelStore.queuedBytes', () => {
  it('follows enqueue, ack, expiry and removal', async () => {
    const store = new MemoryChannelStore(policy)
    const channel = newId()
    await store.create(channel, { dappTokenHash: hash(), walletTokenHash: hash() }, 1_000)
    const dappHash = (await store.tokenHash(channel, 'dapp'))!
    const walletHash = (await store.tokenHash(channel, 'wallet'))!
    await store.claim(channel, 'dapp', 'd', dappHash, 1_000)
    await store.claim(channel, 'wallet', 'w', walletHash, 1_000)
    await store.enqueue(channel, 'd', frame(1), 1_000)
    await store.enqueue(channel, 'd', frame(2), 1_000)
    await store.enqueue(channel, 'w', frame(3), 1_000)
    expect(store.queuedBytes()).toBe(12)
    await store.ack(channel, 'w', 1)
    expect(store.queuedBytes()).toBe(8)
    // Past the queue TTL the wallet's remaining frame is pruned when its queue is read.
    await store.pending(channel, 'w', 0, 2_500, 10)
    expect(store.queuedBytes()).toBe(4)
    await store.remove(channel, 'd')
    expect(store.queuedBytes()).toBe(0)
  })
})

import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ManualRelayClock } from '../testing/manualRelayClock.js'
import { type RedisServerHandle, startRedisServer } from '../testing/redisServer.js'
import { startTestRelay } from '../testing/startTestRelay.js'
import {
  call,
  connectClient,
  eventually,
  fakeFrame,
  newChannel,
  recorder,
  sleep,
} from '../testing/testClient.js'
import type { StartRelayOptions } from './startRelay.js'

type FrameEvent = { channel: string; id: number; frame: Buffer }

// A real redis-server: a missing binary fails these tests with a clear message (no skip).
let redis: RedisServerHandle
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.stop()
})

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Two relay nodes sharing the test Redis under a fresh key prefix. */
async function twoNodes(options: StartRelayOptions = {}) {
  const redisKeyPrefix = `t${randomBytes(6).toString('hex')}`
  const start = async () => {
    const node = await startTestRelay({ redisUrl: redis.url, redisKeyPrefix, logLevel: 'warn', ...options })
    cleanups.push(() => node.close())
    return node
  }
  return { a: await start(), b: await start(), redisKeyPrefix }
}

async function client(url: string) {
  const socket = await connectClient(url)
  cleanups.push(() => socket.disconnect())
  return socket
}

const hex = (frame: Buffer | Uint8Array) => Buffer.from(frame).toString('hex')

describe('two relay nodes sharing Redis', () => {
  it('dapp on node A and wallet on node B create, join, send both ways and ack', async () => {
    const { a, b } = await twoNodes()
    const c = newChannel()
    const dapp = await client(a.url)
    const wallet = await client(b.url)
    const dappPeer = recorder(dapp, 'peer')
    const dappFrames = recorder<FrameEvent>(dapp, 'frame')
    const walletFrames = recorder<FrameEvent>(wallet, 'frame')
    expect(await call(dapp, 'create', c.create)).toEqual({ ok: true })
    expect(await call(dapp, 'join', c.joinDapp)).toEqual({ ok: true, peer: false })
    // Node B sees the channel node A created, and checks the token against its hash.
    expect((await call(wallet, 'join', { ...c.joinWallet, token: c.dappToken })).error?.code).toBe(
      'unauthorized',
    )
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    expect(await dappPeer.waitFor(1)).toEqual([{ channel: c.channel, role: 'wallet', present: true }])

    for (let i = 1; i <= 5; i++) {
      expect(await call(wallet, 'send', { channel: c.channel, frame: fakeFrame(300, i) })).toEqual({
        ok: true,
        id: i,
      })
    }
    expect(await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(20, 0x77) })).toEqual({
      ok: true,
      id: 1,
    })
    expect((await dappFrames.waitFor(5)).map((f) => [f.id, hex(f.frame)])).toEqual(
      [1, 2, 3, 4, 5].map((i) => [i, hex(fakeFrame(300, i))]),
    )
    expect((await walletFrames.waitFor(1)).map((f) => [f.id, hex(f.frame)])).toEqual([
      [1, hex(fakeFrame(20, 0x77))],
    ])

    // Acks: the dapp acks 1-4 (its own queue); a reconnecting dapp on node B gets only frame 5.
    expect(await call(dapp, 'ack', { channel: c.channel, id: 4 })).toEqual({ ok: true })
    expect(await call(wallet, 'ack', { channel: c.channel, id: 1 })).toEqual({ ok: true })
    const staleClosed = recorder(dapp, 'closed')
    const dapp2 = await client(b.url)
    const dapp2Frames = recorder<FrameEvent>(dapp2, 'frame')
    expect(await call(dapp2, 'join', c.joinDapp)).toEqual({ ok: true, peer: true })
    expect((await dapp2Frames.waitFor(1)).map((f) => f.id)).toEqual([5])
    // Membership is shared: the replaced dapp socket on node A is told and refused.
    await staleClosed.waitFor(1)
    expect((await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(4) })).error?.code).toBe(
      'not_member',
    )
    await sleep(100)
    expect(dapp2Frames.received).toHaveLength(1)
  })

  it('queues across nodes for an absent wallet and replays in order on join at the other node', async () => {
    const { a, b } = await twoNodes()
    const c = newChannel()
    const dapp = await client(a.url)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    for (let i = 1; i <= 20; i++) {
      expect(await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(100 + i, i) })).toEqual({
        ok: true,
        id: i,
      })
    }
    const wallet = await client(b.url)
    const frames = recorder<FrameEvent>(wallet, 'frame')
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    // Live frames sent from node A during the replay on node B still arrive in order, once each.
    const live = (async () => {
      for (let i = 21; i <= 30; i++)
        await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(100 + i, i) })
    })()
    await live
    await frames.waitFor(30)
    expect(frames.received.map((f) => f.id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    expect(frames.received.every((f) => hex(f.frame) === hex(fakeFrame(100 + f.id, f.id)))).toBe(true)
  })

  it('bounds the shared queue by count and bytes and drops frames older than the TTL', async () => {
    // One clock for both nodes, advanced by the test: frames age without waiting.
    const clock = new ManualRelayClock()
    const { a, b } = await twoNodes({ queueMaxFrames: 3, queueMaxBytes: 100, queueTtlMs: 300, clock })
    const c = newChannel()
    const dapp = await client(a.url)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    const send = (size: number) => call(dapp, 'send', { channel: c.channel, frame: fakeFrame(size) })
    for (let i = 0; i < 3; i++) expect((await send(10)).ok).toBe(true)
    expect((await send(10)).error?.code).toBe('queue_full')
    await clock.advance(400)
    expect((await send(60)).ok).toBe(true)
    expect((await send(50)).error?.code).toBe('queue_full')
    await clock.advance(400)
    const wallet = await client(b.url)
    const frames = recorder(wallet, 'frame')
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    await sleep(150)
    expect(frames.received).toHaveLength(0)
  })

  it('replaces a stale wallet socket on node A by a rejoin on node B', async () => {
    const { a, b } = await twoNodes()
    const c = newChannel()
    const dapp = await client(a.url)
    const staleWallet = await client(a.url)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    const firstPeer = new Promise((resolve) => dapp.once('peer', resolve))
    await call(staleWallet, 'join', c.joinWallet)
    await firstPeer
    const staleClosed = recorder(staleWallet, 'closed')
    const staleFrames = recorder(staleWallet, 'frame')
    const freshWallet = await client(b.url)
    const freshFrames = recorder<FrameEvent>(freshWallet, 'frame')
    const dappPeer = recorder(dapp, 'peer')
    expect(await call(freshWallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    expect(await staleClosed.waitFor(1)).toEqual([{ channel: c.channel, reason: 'replaced' }])
    await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(8, 3) })
    expect((await freshFrames.waitFor(1)).map((f) => f.id)).toEqual([1])
    expect((await call(staleWallet, 'ack', { channel: c.channel, id: 1 })).error?.code).toBe('not_member')
    // The stale socket's disconnect does not clear the fresh membership.
    staleWallet.disconnect()
    await sleep(150)
    expect(dappPeer.received).toEqual([{ channel: c.channel, role: 'wallet', present: true }])
    expect(staleFrames.received).toHaveLength(0)
    // A node going away tells the peer on the other node.
    freshWallet.disconnect()
    await dappPeer.waitFor(2)
    expect(dappPeer.received[1]).toEqual({ channel: c.channel, role: 'wallet', present: false })
  })

  it('expires channels once across nodes and tells members on both', async () => {
    const { a, b } = await twoNodes({ halfOpenTtlMs: 300, idleTtlMs: 500 })
    const c = newChannel()
    const dapp = await client(a.url)
    const wallet = await client(b.url)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    await call(wallet, 'join', c.joinWallet)
    const dappClosed = recorder(dapp, 'closed')
    const walletClosed = recorder(wallet, 'closed')
    expect(await dappClosed.waitFor(1, 4_000)).toEqual([{ channel: c.channel, reason: 'expired' }])
    expect(await walletClosed.waitFor(1, 4_000)).toEqual([{ channel: c.channel, reason: 'expired' }])
    await sleep(200)
    expect(dappClosed.received).toHaveLength(1)
    expect((await call(wallet, 'join', c.joinWallet)).error?.code).toBe('unknown_channel')
  })

  it('stores binary frames in Redis with TTLs and reports health', async () => {
    const { a, redisKeyPrefix } = await twoNodes()
    const c = newChannel()
    const dapp = await client(a.url)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    const frame = Uint8Array.from([0, 255, 1, 254, 0, 0, 13, 10])
    await call(dapp, 'send', { channel: c.channel, frame })
    const inspect = new Redis(redis.url)
    cleanups.push(() => inspect.quit())
    const stored = await inspect.hgetBuffer(`${redisKeyPrefix}:f:{${c.channel}}:wallet`, '1')
    expect(stored && hex(stored)).toBe(hex(frame))
    for (const key of [`${redisKeyPrefix}:ch:{${c.channel}}`, `${redisKeyPrefix}:q:{${c.channel}}:wallet`]) {
      expect(await inspect.pttl(key)).toBeGreaterThan(0)
    }
    const report = await (await fetch(`${a.url}/health`)).json()
    expect(report).toMatchObject({ status: 'ok', store: 'redis', sockets: 1, channels: 1, storedChannels: 1 })
    await eventually(
      async () => (await inspect.hget(`${redisKeyPrefix}:ch:{${c.channel}}`, 's_dapp')) !== null,
    )
  })
})

describe('relay CLI processes sharing Redis', () => {
  it('keeps channels and queues when a node is killed and another serves the reconnect', async () => {
    const { spawnRelay } = await import('../testing/spawnRelay.js')
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `k${randomBytes(4).toString('hex')}` }
    const nodeA = await spawnRelay({ env })
    cleanups.push(() => nodeA.kill())
    const c = newChannel()
    const dapp = await client(nodeA.url)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    for (let i = 1; i <= 3; i++) await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(10, i) })
    await nodeA.kill()
    const nodeB = await spawnRelay({ env })
    cleanups.push(() => nodeB.stop())
    const wallet = await client(nodeB.url)
    const frames = recorder<FrameEvent>(wallet, 'frame')
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    expect((await frames.waitFor(3)).map((f) => [f.id, hex(f.frame)])).toEqual(
      [1, 2, 3].map((i) => [i, hex(fakeFrame(10, i))]),
    )
    // The dapp re-creates (idempotent) and rejoins on the surviving node, replacing its dead socket.
    const dapp2 = await client(nodeB.url)
    expect(await call(dapp2, 'create', c.create)).toEqual({ ok: true })
    expect(await call(dapp2, 'join', c.joinDapp)).toEqual({ ok: true, peer: true })
  })
})

describe('Redis going away', () => {
  it('answers unavailable, reports degraded health, and shuts down in bounded time without crashing', async () => {
    const ownRedis = await startRedisServer()
    cleanups.push(() => ownRedis.stop())
    const node = await startTestRelay({ redisUrl: ownRedis.url, logLevel: 'warn' })
    cleanups.push(() => node.close())
    const c = newChannel()
    const dapp = await client(node.url)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    await ownRedis.stop()
    const answer = await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(4) }, 15_000)
    expect(answer.error?.code).toBe('unavailable')
    const health = await fetch(`${node.url}/health`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({ status: 'degraded', store: 'redis' })
    const started = Date.now()
    await node.close()
    expect(Date.now() - started).toBeLessThan(8_000)
    // Logged as an error, without the frame or the channel's tokens.
    const failed = node.logs.find((l) => l.line.includes('event_failed'))
    expect(failed?.level).toBe('error')
    expect(node.logs.some((l) => l.line.includes(c.dappToken))).toBe(false)
  })
})

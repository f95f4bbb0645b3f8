import { io, type Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualRelayClock } from '../testing/manualRelayClock.js'
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
import type { RelayHandle } from './startRelay.js'

type FrameEvent = { channel: string; id: number; frame: Buffer }

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function relayWith(options: Parameters<typeof startTestRelay>[0] = {}) {
  const relay = await startTestRelay(options)
  cleanups.push(() => relay.close())
  return relay
}

async function client(relay: Pick<RelayHandle, 'url'>) {
  const socket = await connectClient(relay.url)
  cleanups.push(() => socket.disconnect())
  return socket
}

/** A channel with the dapp and the wallet joined, each with a frame recorder. */
async function pairedChannel(relay: Pick<RelayHandle, 'url'>) {
  const c = newChannel()
  const dapp = await client(relay)
  const wallet = await client(relay)
  const dappFrames = recorder<FrameEvent>(dapp, 'frame')
  const walletFrames = recorder<FrameEvent>(wallet, 'frame')
  expect(await call(dapp, 'create', c.create)).toEqual({ ok: true })
  expect(await call(dapp, 'join', c.joinDapp)).toEqual({ ok: true, peer: false })
  const peerEvent = new Promise((resolve) => dapp.once('peer', resolve))
  expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
  // Wait for the dapp's `peer` event so that a test's own recorder never sees this one.
  expect(await peerEvent).toEqual({ channel: c.channel, role: 'wallet', present: true })
  return { ...c, dapp, wallet, dappFrames, walletFrames }
}

const bytes = (frame: Buffer | Uint8Array) => Buffer.from(frame).toString('hex')

describe('relay session', () => {
  it('creates, joins, sends both ways, delivers in order and deletes acked frames', async () => {
    const relay = await relayWith()
    const c = newChannel()
    const dapp = await client(relay)
    const wallet = await client(relay)
    const dappPeer = recorder(dapp, 'peer')
    const dappFrames = recorder<FrameEvent>(dapp, 'frame')
    const walletFrames = recorder<FrameEvent>(wallet, 'frame')
    expect(await call(dapp, 'create', c.create)).toEqual({ ok: true })
    expect(await call(dapp, 'join', c.joinDapp)).toEqual({ ok: true, peer: false })
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    expect(await dappPeer.waitFor(1)).toEqual([{ channel: c.channel, role: 'wallet', present: true }])

    for (let i = 1; i <= 3; i++) {
      expect(await call(wallet, 'send', { channel: c.channel, frame: fakeFrame(10 * i, i) })).toEqual({
        ok: true,
        id: i,
      })
    }
    expect(await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(5, 0x42) })).toEqual({
      ok: true,
      id: 1,
    })
    const toDapp = await dappFrames.waitFor(3)
    expect(toDapp.map((f) => [f.channel, f.id, bytes(f.frame)])).toEqual(
      [1, 2, 3].map((i) => [c.channel, i, bytes(fakeFrame(10 * i, i))]),
    )
    const toWallet = await walletFrames.waitFor(1)
    expect(toWallet.map((f) => [f.id, bytes(f.frame)])).toEqual([[1, bytes(fakeFrame(5, 0x42))]])

    // The dapp acks frames 1-2; a new dapp socket (a reconnect) gets only frame 3 replayed.
    expect(await call(dapp, 'ack', { channel: c.channel, id: 2 })).toEqual({ ok: true })
    const dapp2 = await client(relay)
    const dapp2Frames = recorder<FrameEvent>(dapp2, 'frame')
    expect(await call(dapp2, 'join', c.joinDapp)).toEqual({ ok: true, peer: true })
    expect((await dapp2Frames.waitFor(1)).map((f) => f.id)).toEqual([3])
    await sleep(100)
    expect(dapp2Frames.received).toHaveLength(1)
  })

  it('create is idempotent with the same hashes and refuses other hashes', async () => {
    const relay = await relayWith()
    const c = newChannel()
    const other = newChannel()
    const socket = await client(relay)
    expect(await call(socket, 'create', c.create)).toEqual({ ok: true })
    expect(await call(socket, 'create', c.create)).toEqual({ ok: true })
    // Another wallet token hash under the same (bound) channel id clashes; another dapp token hash
    // cannot even name this channel (its id is bound to the dapp token hash).
    const clash = { ...c.create, walletTokenHash: other.create.walletTokenHash }
    expect((await call(socket, 'create', clash)).error?.code).toBe('channel_exists')
    expect((await call(socket, 'create', { ...other.create, channel: c.channel })).error?.code).toBe(
      'bad_request',
    )
    // The original tokens still work.
    expect(await call(socket, 'join', c.joinDapp)).toEqual({ ok: true, peer: false })
  })

  it('refuses a third joiner with a wrong or missing token while the members keep working', async () => {
    const relay = await relayWith()
    const s = await pairedChannel(relay)
    const intruder = await client(relay)
    const intruderFrames = recorder(intruder, 'frame')
    const forged = newChannel()
    for (const role of ['dapp', 'wallet'] as const) {
      const answer = await call(intruder, 'join', { v: 1, channel: s.channel, role, token: forged.dappToken })
      expect(answer.error?.code).toBe('unauthorized')
    }
    expect((await call(intruder, 'join', { v: 1, channel: s.channel, role: 'wallet' })).error?.code).toBe(
      'bad_request',
    )
    // A token of the other role is wrong too.
    expect((await call(intruder, 'join', { ...s.joinWallet, role: 'dapp' })).error?.code).toBe('unauthorized')

    expect(await call(s.wallet, 'send', { channel: s.channel, frame: fakeFrame(8, 1) })).toEqual({
      ok: true,
      id: 1,
    })
    expect(await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(8, 2) })).toEqual({
      ok: true,
      id: 1,
    })
    await s.dappFrames.waitFor(1)
    await s.walletFrames.waitFor(1)
    await sleep(50)
    expect(intruderFrames.received).toHaveLength(0)
  })

  it('checks membership on send, ack and leave', async () => {
    const relay = await relayWith()
    const s = await pairedChannel(relay)
    const outsider = await client(relay)
    const unknown = newChannel().channel
    for (const [event, payload] of [
      ['send', { channel: s.channel, frame: fakeFrame(4) }],
      ['ack', { channel: s.channel, id: 1 }],
      ['leave', { channel: s.channel }],
      ['leave', { channel: s.channel, close: true }],
    ] as const) {
      expect((await call(outsider, event, payload)).error?.code, event).toBe('not_member')
    }
    for (const [event, payload] of [
      ['send', { channel: unknown, frame: fakeFrame(4) }],
      ['ack', { channel: unknown, id: 1 }],
      ['leave', { channel: unknown }],
      ['join', { v: 1, channel: unknown, role: 'dapp', token: s.dappToken }],
    ] as const) {
      expect((await call(outsider, event, payload)).error?.code, event).toBe('unknown_channel')
    }
    // The outsider's leave with close did not delete the channel.
    expect(await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(4) })).toEqual({
      ok: true,
      id: 1,
    })
    await s.walletFrames.waitFor(1)
    // A member that left is no member any more.
    expect(await call(s.dapp, 'leave', { channel: s.channel })).toEqual({ ok: true })
    expect((await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(4) })).error?.code).toBe(
      'not_member',
    )
    expect((await call(s.dapp, 'ack', { channel: s.channel, id: 1 })).error?.code).toBe('not_member')
  })

  it('an ack from the other role or from a non-member deletes nothing', async () => {
    const relay = await relayWith()
    const c = newChannel()
    const dapp = await client(relay)
    const outsider = await client(relay)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    for (let i = 1; i <= 3; i++) await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(4, i) })
    // The dapp acks "id 3": it only touches the dapp's own (empty) queue.
    expect(await call(dapp, 'ack', { channel: c.channel, id: 3 })).toEqual({ ok: true })
    expect((await call(outsider, 'ack', { channel: c.channel, id: 3 })).error?.code).toBe('not_member')
    const wallet = await client(relay)
    const frames = recorder<FrameEvent>(wallet, 'frame')
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    expect((await frames.waitFor(3)).map((f) => [f.id, bytes(f.frame)])).toEqual(
      [1, 2, 3].map((i) => [i, bytes(fakeFrame(4, i))]),
    )
  })

  it('queues frames for an absent wallet and replays them in order on (re)join', async () => {
    const relay = await relayWith()
    const c = newChannel()
    const dapp = await client(relay)
    const dappPeer = recorder(dapp, 'peer')
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    const wallet1 = await client(relay)
    const wallet1Frames = recorder<FrameEvent>(wallet1, 'frame')
    await call(wallet1, 'join', c.joinWallet)
    expect(await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(4, 1) })).toEqual({
      ok: true,
      id: 1,
    })
    await wallet1Frames.waitFor(1)
    wallet1.disconnect()
    await dappPeer.waitFor(2)
    expect(dappPeer.received[1]).toEqual({ channel: c.channel, role: 'wallet', present: false })

    for (let i = 2; i <= 4; i++) {
      expect(await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(4, i) })).toEqual({
        ok: true,
        id: i,
      })
    }
    const wallet2 = await client(relay)
    const order: string[] = []
    wallet2.on('frame', (f: FrameEvent) => order.push(`frame ${f.id}`))
    // A callback (not a promise) records the answer at the moment its packet is read.
    const answer = await new Promise((resolve) =>
      wallet2.emit('join', c.joinWallet, (reply: unknown) => {
        order.push('join answered')
        resolve(reply)
      }),
    )
    expect(answer).toEqual({ ok: true, peer: true })
    await eventually(() => order.length === 5, 5_000, 'replay')
    // Frame 1 was delivered but never acked: at-least-once delivery replays it.
    expect(order).toEqual(['join answered', 'frame 1', 'frame 2', 'frame 3', 'frame 4'])
    // Live delivery continues after the replay.
    await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(4, 5) })
    await eventually(() => order.length === 6)
    expect(order[5]).toBe('frame 5')
  })

  it('bounds the offline queue by count, bytes and age', async () => {
    const clock = new ManualRelayClock()
    const relay = await relayWith({ queueMaxFrames: 3, queueMaxBytes: 100, queueTtlMs: 300, clock })
    const c = newChannel()
    const dapp = await client(relay)
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    const send = (size: number) => call(dapp, 'send', { channel: c.channel, frame: fakeFrame(size) })
    for (let i = 0; i < 3; i++) expect((await send(10)).ok).toBe(true)
    expect((await send(10)).error?.code).toBe('queue_full')
    await clock.advance(400)
    // The three frames aged out: there is room again, and bytes are bounded too.
    expect((await send(60)).ok).toBe(true)
    expect((await send(50)).error?.code).toBe('queue_full')
    expect((await send(40)).ok).toBe(true)
    await clock.advance(400)
    // Everything expired before the wallet came: nothing is replayed.
    const wallet = await client(relay)
    const frames = recorder(wallet, 'frame')
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    await sleep(150)
    expect(frames.received).toHaveLength(0)
  })

  it('refuses an oversized frame to the sender only', async () => {
    const relay = await relayWith({ maxFrameBytes: 1_024 })
    const s = await pairedChannel(relay)
    const walletErrors = recorder(s.wallet, 'relay_error')
    const answer = await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(1_025) })
    expect(answer.error?.code).toBe('frame_too_large')
    expect((await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(1_024) })).ok).toBe(true)
    expect((await s.walletFrames.waitFor(1)).map((f) => f.frame.length)).toEqual([1_024])
    // Far above the limit, the transport cuts the connection: only the sender's.
    const dappDisconnected = new Promise<string>((resolve) => s.dapp.once('disconnect', resolve))
    s.dapp.emit('send', { channel: s.channel, frame: fakeFrame(64 * 1_024) }, () => {})
    await dappDisconnected
    await sleep(50)
    expect(s.wallet.connected).toBe(true)
    expect(walletErrors.received).toHaveLength(0)
    expect(s.walletFrames.received).toHaveLength(1)
  })

  it('answers an event flood with rate_limited to the offending socket only', async () => {
    const relay = await relayWith({ socketEventsRate: { perSecond: 1, burst: 5 } })
    const s = await pairedChannel(relay) // 2 events for the dapp, 1 for the wallet
    const dappErrors = recorder(s.dapp, 'relay_error')
    const walletErrors = recorder(s.wallet, 'relay_error')
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(4) })),
    )
    const limited = answers.filter((a) => a.error?.code === 'rate_limited')
    expect(limited.length).toBeGreaterThanOrEqual(6)
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(4)
    await dappErrors.waitFor(1)
    expect(dappErrors.received[0]).toMatchObject({ code: 'rate_limited' })
    // The wallet is unaffected: its own calls succeed and it got no relay_error.
    expect(await call(s.wallet, 'send', { channel: s.channel, frame: fakeFrame(4) })).toEqual({
      ok: true,
      id: 1,
    })
    await sleep(50)
    expect(walletErrors.received).toHaveLength(0)
  })

  it('rate limits joins, creates and connections per IP', async () => {
    const relay = await relayWith({
      ipJoinsRate: { perSecond: 0.01, burst: 2 },
      ipCreatesRate: { perSecond: 0.01, burst: 2 },
      ipConnectionsRate: { perSecond: 0.01, burst: 3 },
    })
    const s = await pairedChannel(relay) // 1 create, 2 joins, 2 connections
    const other = await client(relay) // third connection
    const walletErrors = recorder(s.wallet, 'relay_error')
    expect((await call(other, 'join', s.joinDapp)).error?.code).toBe('rate_limited')
    expect((await call(other, 'create', newChannel().create)).ok).toBe(true)
    expect((await call(other, 'create', newChannel().create)).error?.code).toBe('rate_limited')
    await expect(connectClient(relay.url, 2_000)).rejects.toThrow()
    // The members of the existing channel are not affected.
    expect((await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(4) })).ok).toBe(true)
    await s.walletFrames.waitFor(1)
    expect(walletErrors.received).toHaveLength(0)
  })

  it('expires a half-open channel and tells its member', async () => {
    const clock = new ManualRelayClock()
    const relay = await relayWith({ halfOpenTtlMs: 300, idleTtlMs: 60_000, clock })
    const c = newChannel()
    const dapp = await client(relay)
    const closed = recorder(dapp, 'closed')
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    // No wallet within halfOpenTtlMs: the next sweep expires the channel.
    await clock.advance(400)
    expect(await closed.waitFor(1, 3_000)).toEqual([{ channel: c.channel, reason: 'expired' }])
    expect((await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(4) })).error?.code).toBe(
      'unknown_channel',
    )
  })

  it('keeps a joined channel alive while frames flow and expires it when idle', async () => {
    const clock = new ManualRelayClock()
    const relay = await relayWith({ halfOpenTtlMs: 300, idleTtlMs: 600, clock })
    const s = await pairedChannel(relay)
    const dappClosed = recorder(s.dapp, 'closed')
    const walletClosed = recorder(s.wallet, 'closed')
    // Longer than both TTLs, with activity: no expiry (the wallet joined, so half-open does not apply).
    for (let i = 0; i < 8; i++) {
      expect((await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(4) })).ok).toBe(true)
      await clock.advance(150)
    }
    expect(dappClosed.received).toHaveLength(0)
    // Idle past idleTtlMs: the next sweep expires the channel.
    await clock.advance(700)
    await dappClosed.waitFor(1, 3_000)
    await walletClosed.waitFor(1, 3_000)
    expect(dappClosed.received[0]).toEqual({ channel: s.channel, reason: 'expired' })
    expect(walletClosed.received[0]).toEqual({ channel: s.channel, reason: 'expired' })
  })

  it('replaces a stale socket of the same role on rejoin', async () => {
    const relay = await relayWith()
    const s = await pairedChannel(relay)
    const staleClosed = recorder(s.wallet, 'closed')
    const dappPeer = recorder(s.dapp, 'peer')
    const wallet2 = await client(relay)
    const wallet2Frames = recorder<FrameEvent>(wallet2, 'frame')
    expect(await call(wallet2, 'join', s.joinWallet)).toEqual({ ok: true, peer: true })
    expect(await staleClosed.waitFor(1)).toEqual([{ channel: s.channel, reason: 'replaced' }])
    expect(await dappPeer.waitFor(1)).toEqual([{ channel: s.channel, role: 'wallet', present: true }])
    expect((await call(s.wallet, 'send', { channel: s.channel, frame: fakeFrame(4) })).error?.code).toBe(
      'not_member',
    )
    await call(s.dapp, 'send', { channel: s.channel, frame: fakeFrame(4, 9) })
    expect((await wallet2Frames.waitFor(1)).map((f) => f.id)).toEqual([1])
    await sleep(50)
    expect(s.walletFrames.received).toHaveLength(0)
    // The stale socket disconnecting later does not mark the wallet absent.
    s.wallet.disconnect()
    await sleep(100)
    expect(dappPeer.received).toHaveLength(1)
  })

  it('leave ends membership; leave with close deletes the channel and tells the peer', async () => {
    const relay = await relayWith()
    const s = await pairedChannel(relay)
    const dappPeer = recorder(s.dapp, 'peer')
    const dappClosed = recorder(s.dapp, 'closed')
    expect(await call(s.wallet, 'leave', { channel: s.channel })).toEqual({ ok: true })
    expect(await dappPeer.waitFor(1)).toEqual([{ channel: s.channel, role: 'wallet', present: false }])
    expect(await call(s.wallet, 'join', s.joinWallet)).toEqual({ ok: true, peer: true })
    expect(await call(s.wallet, 'leave', { channel: s.channel, close: true })).toEqual({ ok: true })
    expect(await dappClosed.waitFor(1)).toEqual([{ channel: s.channel, reason: 'closed' }])
    expect((await call(s.dapp, 'join', s.joinDapp)).error?.code).toBe('unknown_channel')
  })

  it('validates every payload and survives events without a callback', async () => {
    const relay = await relayWith({ maxFrameBytes: 100 })
    const s = await pairedChannel(relay)
    const socket = s.dapp
    const cases: [string, unknown, string][] = [
      ['create', { ...newChannel().create, v: 2 }, 'unsupported_version'],
      ['join', { ...s.joinDapp, v: 7 }, 'unsupported_version'],
      ['create', { ...newChannel().create, v: '1' }, 'bad_request'],
      ['create', { ...newChannel().create, channel: 'short' }, 'bad_request'],
      ['create', { ...newChannel().create, dappTokenHash: 'x'.repeat(43) + '=' }, 'bad_request'],
      // 22 chars, but the last char carries bits past 16 bytes: not canonical.
      ['create', { ...newChannel().create, channel: 'AAAAAAAAAAAAAAAAAAAAAB' }, 'bad_request'],
      ['join', { ...s.joinDapp, role: 'admin' }, 'bad_request'],
      ['join', { ...s.joinDapp, token: s.dappToken.slice(1) }, 'bad_request'],
      ['send', { channel: s.channel, frame: 'not binary' }, 'bad_request'],
      ['send', { channel: s.channel, frame: new Uint8Array(0) }, 'bad_request'],
      ['send', { channel: s.channel, frame: fakeFrame(101) }, 'frame_too_large'],
      ['ack', { channel: s.channel, id: -1 }, 'bad_request'],
      ['ack', { channel: s.channel, id: 1.5 }, 'bad_request'],
      ['leave', { channel: s.channel, close: 'yes' }, 'bad_request'],
      ['send', null, 'bad_request'],
      ['send', [1, 2], 'bad_request'],
      ['send', 'text', 'bad_request'],
      ['subscribe', {}, 'bad_request'],
      ['__proto__', {}, 'bad_request'],
      ['constructor', {}, 'bad_request'],
    ]
    for (const [event, payload, code] of cases) {
      expect((await call(socket, event, payload)).error?.code, `${event} ${JSON.stringify(payload)}`).toBe(
        code,
      )
    }
    // Same socket as both roles is refused.
    expect((await call(s.dapp, 'join', s.joinWallet)).error?.code).toBe('bad_request')
    // Events without a callback are ignored, including "error", which Node treats specially.
    socket.emit('send', { channel: s.channel, frame: fakeFrame(4) })
    socket.emit('error', { boom: true })
    socket.emit('join')
    await sleep(100)
    expect(s.walletFrames.received).toHaveLength(0)
    expect(await call(socket, 'send', { channel: s.channel, frame: fakeFrame(4) })).toEqual({
      ok: true,
      id: 1,
    })
    await s.walletFrames.waitFor(1)
  })

  it('serves GET /health with counts of this node', async () => {
    const relay = await relayWith()
    const empty = await (await fetch(`${relay.url}/health`)).json()
    expect(empty).toMatchObject({ status: 'ok', sockets: 0, channels: 0, store: 'memory' })
    const s = await pairedChannel(relay)
    await client(relay)
    const response = await fetch(`${relay.url}/health`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const report = await response.json()
    expect(report).toMatchObject({ status: 'ok', sockets: 3, channels: 1, storedChannels: 1 })
    expect(typeof report.uptime).toBe('number')
    expect(s.channel).toBeTruthy()
    expect((await fetch(`${relay.url}/nope`)).status).toBe(404)
  })

  it('forgets the connection limiter entry of an address in the sweep once its bucket refilled', async () => {
    const relay = await relayWith({ trustProxy: true, sweepIntervalMs: 50 })
    for (let index = 0; index < 5; index++) {
      const socket = io(relay.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: { 'x-forwarded-for': `198.51.100.${index}` },
      })
      await new Promise((resolve) => socket.once('connect', () => resolve(undefined)))
      socket.disconnect()
    }
    const health = async () =>
      (await (await fetch(`${relay.url}/health`)).json()) as { limiterAddresses: number }
    await eventually(
      async () => (await health()).limiterAddresses === 0,
      3_000,
      'the limiter map to be pruned',
    )
  })

  it('logs no tokens, hashes, frame contents, and no IP next to a channel at info level', async () => {
    for (const logLevel of ['info', 'debug'] as const) {
      const relay = await relayWith({ logLevel })
      const s = await pairedChannel(relay)
      const marker = Buffer.from('TOP-SECRET-FRAME-CONTENT')
      await call(s.dapp, 'send', { channel: s.channel, frame: marker })
      await s.walletFrames.waitFor(1)
      const intruder = await client(relay)
      await call(intruder, 'join', { ...s.joinWallet, token: newChannel().walletToken })
      await call(s.wallet, 'ack', { channel: s.channel, id: 1 })
      await call(s.wallet, 'leave', { channel: s.channel, close: true })
      s.dapp.disconnect()
      await eventually(() => relay.logs.some((l) => l.line.includes('channel_left')))
      const secrets = [
        s.dappToken,
        s.walletToken,
        s.create.dappTokenHash,
        s.create.walletTokenHash,
        marker.toString(),
        marker.toString('base64'),
        marker.toString('hex'),
      ]
      const lines = relay.logs.map((l) => l.line)
      for (const secret of secrets) expect(lines.filter((line) => line.includes(secret))).toEqual([])
      for (const { level, line } of relay.logs) {
        const fields = JSON.parse(line)
        expect(fields.level).toBe(level)
        // The relay's own listening URL is no client IP.
        if (fields.msg === 'relay_started') continue
        if (level !== 'debug') expect(line).not.toContain('127.0.0.1')
        if (line.includes('127.0.0.1')) expect(line).not.toContain(s.channel)
        if ('ip' in fields) expect(Object.keys(fields)).not.toContain('channel')
      }
      // The logs are useful: the channel's life is there at info level.
      const messages = relay.logs.filter((l) => l.level === 'info').map((l) => JSON.parse(l.line).msg)
      expect(messages).toEqual(
        expect.arrayContaining(['channel_created', 'channel_joined', 'join_refused', 'channel_left']),
      )
      if (logLevel === 'debug') {
        expect(
          lines.some((line) => line.includes('"ip":"127.0.0.1"') || line.includes('"ip":"::ffff:127.0.0.1"')),
        ).toBe(true)
      }
      await relay.close()
    }
  })
})

describe('sockets', () => {
  it('the dapp gets peer events when the wallet connects and drops', async () => {
    const relay = await relayWith()
    const s = await pairedChannel(relay)
    const dappPeer = recorder(s.dapp, 'peer')
    ;(s.wallet as Socket).disconnect()
    expect(await dappPeer.waitFor(1)).toEqual([{ channel: s.channel, role: 'wallet', present: false }])
  })
})

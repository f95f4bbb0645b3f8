import type { Socket } from 'socket.io-client'
import { afterEach, describe, expect, it } from 'vitest'
import { maxFramesPerSend, unpackFrames } from '../protocol/relayMessages.js'
import { startTestRelay } from '../testing/startTestRelay.js'
import { call, connectClient, fakeFrame, newChannel, recorder } from '../testing/testClient.js'

type FrameEvent = { channel: string; id: number; frame: Buffer }

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function client(url: string): Promise<Socket> {
  const socket = await connectClient(url)
  cleanups.push(() => socket.disconnect())
  return socket
}

const pack = (frames: Uint8Array[]) =>
  Buffer.concat(
    frames.flatMap((frame) => {
      const length = Buffer.alloc(4)
      length.writeUInt32BE(frame.length)
      return [length, frame]
    }),
  )
const hex = (frame: Uint8Array) => Buffer.from(frame).toString('hex')

async function pairedChannel(options: Parameters<typeof startTestRelay>[0] = {}) {
  const relay = await startTestRelay(options)
  cleanups.push(() => relay.close())
  const c = newChannel()
  const dapp = await client(relay.url)
  const wallet = await client(relay.url)
  const dappFrames = recorder<FrameEvent>(dapp, 'frame')
  const walletFrames = recorder<FrameEvent>(wallet, 'frame')
  expect(await call(dapp, 'create', c.create)).toEqual({ ok: true })
  // A client that asks learns the batch size; one that does not gets the answer it knows.
  expect(await call(dapp, 'join', { ...c.joinDapp, batch: true })).toEqual({
    ok: true,
    peer: false,
    batch: maxFramesPerSend,
  })
  expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
  return { ...c, relay, dapp, wallet, dappFrames, walletFrames }
}

describe('batched send with a riding ack (docs/protocol.md section 3)', () => {
  it('queues a packed batch in order under consecutive ids and delivers each frame', async () => {
    const c = await pairedChannel()
    const frames = [fakeFrame(10, 1), fakeFrame(20, 2), fakeFrame(30, 3)]
    expect(await call(c.dapp, 'send', { channel: c.channel, frames: pack(frames) })).toEqual({
      ok: true,
      ids: [1, 2, 3],
    })
    const delivered = await c.walletFrames.waitFor(3)
    expect(delivered.map((event) => [event.id, hex(event.frame)])).toEqual(
      frames.map((frame, index) => [index + 1, hex(frame)]),
    )
  })

  it('applies a cumulative ack riding on send to the sender’s own queue only', async () => {
    const c = await pairedChannel()
    for (let i = 1; i <= 3; i++) await call(c.wallet, 'send', { channel: c.channel, frame: fakeFrame(8, i) })
    await c.dappFrames.waitFor(3)
    // The dapp processed frames 1-2 and acks them on its next send.
    expect(await call(c.dapp, 'send', { channel: c.channel, frame: fakeFrame(5, 9), ack: 2 })).toEqual({
      ok: true,
      id: 1,
    })
    const reconnected = await client(c.relay.url)
    const replay = recorder<FrameEvent>(reconnected, 'frame')
    expect(await call(reconnected, 'join', c.joinDapp)).toMatchObject({ ok: true })
    expect((await replay.waitFor(1)).map((event) => event.id)).toEqual([3])
    // The wallet's queue still holds the dapp's frame: the ack touched only the dapp's queue.
    const walletAgain = await client(c.relay.url)
    const walletReplay = recorder<FrameEvent>(walletAgain, 'frame')
    expect(await call(walletAgain, 'join', c.joinWallet)).toMatchObject({ ok: true })
    expect((await walletReplay.waitFor(1)).map((event) => event.id)).toEqual([1])
  })

  it('says how many frames of a batch it queued before the queue filled', async () => {
    const c = await pairedChannel({ queueMaxFrames: 2 })
    const answer = await call(c.dapp, 'send', {
      channel: c.channel,
      frames: pack([fakeFrame(4, 1), fakeFrame(4, 2), fakeFrame(4, 3)]),
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'queue_full' }, accepted: 2 })
  })

  it.each([
    ['both frame and frames', { frame: fakeFrame(4), frames: pack([fakeFrame(4)]) }],
    ['a truncated batch', { frames: pack([fakeFrame(10)]).subarray(0, 8) }],
    ['an empty batch', { frames: new Uint8Array(0) }],
    [
      'more frames than the relay takes',
      { frames: pack(Array.from({ length: maxFramesPerSend + 1 }, () => fakeFrame(2))) },
    ],
    ['frames as an array', { frames: [fakeFrame(4)] }],
    ['an ack that is not a positive integer', { frame: fakeFrame(4), ack: 0 }],
  ])('refuses %s with bad_request', async (_name, fields) => {
    const c = await pairedChannel()
    expect(await call(c.dapp, 'send', { channel: c.channel, ...fields })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    })
  })

  it('unpackFrames reads what a client packs and refuses lengths that do not add up', () => {
    const frames = [fakeFrame(3, 7), fakeFrame(1, 8)]
    expect(unpackFrames(pack(frames))?.map(hex)).toEqual(frames.map(hex))
    expect(unpackFrames(Buffer.from([0, 0, 0, 5, 1, 2]))).toBeUndefined()
    expect(unpackFrames(Buffer.from([0, 0, 1]))).toBeUndefined()
  })
})

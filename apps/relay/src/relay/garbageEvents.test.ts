import fc from 'fast-check'
import type { Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRelay } from '../testing/startTestRelay.js'
import { call, connectClient, fakeFrame, newChannel, recorder, sleep } from '../testing/testClient.js'

type FrameEvent = { channel: string; id: number; frame: Buffer }

let relay: Awaited<ReturnType<typeof startTestRelay>>
let honest: Awaited<ReturnType<typeof pair>>
let attacker: Socket

async function pair() {
  const c = newChannel()
  const dapp = await connectClient(relay.url)
  const wallet = await connectClient(relay.url)
  const walletFrames = recorder<FrameEvent>(wallet, 'frame')
  await call(dapp, 'create', c.create)
  await call(dapp, 'join', c.joinDapp)
  await call(wallet, 'join', c.joinWallet)
  return { ...c, dapp, wallet, walletFrames }
}

beforeAll(async () => {
  relay = await startTestRelay({ logLevel: 'warn', maxFrameBytes: 4_096 })
  honest = await pair()
  attacker = await connectClient(relay.url)
})
afterAll(async () => {
  for (const socket of [honest?.dapp, honest?.wallet, attacker]) socket?.disconnect()
  await relay?.close()
})

const eventName = fc.oneof(
  fc.constantFrom(
    'create',
    'join',
    'send',
    'ack',
    'leave',
    'error',
    'frame',
    'peer',
    'closed',
    '__proto__',
    'toString',
  ),
  fc.string({ maxLength: 20 }),
)
/** Payloads shaped like the real ones, with fields of the wrong type or size, and anything at all. */
const payload = () =>
  fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.record(
      {
        v: fc.oneof(fc.constant(1), fc.integer(), fc.string(), fc.constant(null)),
        channel: fc.oneof(fc.constant(honest.channel), fc.string({ maxLength: 30 }), fc.integer()),
        role: fc.oneof(fc.constantFrom('dapp', 'wallet'), fc.string({ maxLength: 8 })),
        token: fc.oneof(fc.string({ minLength: 43, maxLength: 43 }), fc.constant(newChannel().dappToken)),
        dappTokenHash: fc.string({ maxLength: 50 }),
        walletTokenHash: fc.string({ maxLength: 50 }),
        frame: fc.oneof(fc.uint8Array({ maxLength: 5_000 }), fc.string(), fc.integer()),
        id: fc.oneof(fc.integer(), fc.double(), fc.string()),
        close: fc.oneof(fc.boolean(), fc.string()),
      },
      { requiredKeys: [] },
    ),
    fc.uint8Array({ maxLength: 64 }),
  )

describe('garbage events', () => {
  it('never crash the relay nor disturb another channel (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(eventName, fc.array(payload(), { maxLength: 3 }), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        async (events) => {
          const answers: Promise<unknown>[] = []
          for (const [event, args, withAck] of events) {
            try {
              if (withAck)
                answers.push(
                  attacker
                    .timeout(2_000)
                    .emitWithAck(event, ...args)
                    .catch((e) => e),
                )
              else attacker.emit(event, ...args)
            } catch {
              // The client refuses reserved event names itself.
            }
          }
          for (const answer of await Promise.all(answers)) {
            // Every event with a callback is answered with the protocol shape.
            expect(answer).toMatchObject({ ok: expect.any(Boolean) })
            const { ok, error } = answer as { ok: boolean; error?: { code: string } }
            if (!ok) expect(typeof error?.code).toBe('string')
          }
        },
      ),
      { numRuns: 60 },
    )
    expect(attacker.connected).toBe(true)
    // The honest session still works both ways, and got nothing from the attacker.
    const before = honest.walletFrames.received.length
    expect((await call(honest.dapp, 'send', { channel: honest.channel, frame: fakeFrame(16, 7) })).ok).toBe(
      true,
    )
    await honest.walletFrames.waitFor(before + 1)
    expect(
      honest.walletFrames.received.every((f) => Buffer.from(f.frame).equals(Buffer.from(fakeFrame(16, 7)))),
    ).toBe(true)
    expect((await call(honest.wallet, 'send', { channel: honest.channel, frame: fakeFrame(4) })).ok).toBe(
      true,
    )
    expect((await fetch(`${relay.url}/health`)).status).toBe(200)
  })

  it('malformed socket.io packets cut only the offending connection', async () => {
    const garbage = [
      '2',
      '2[',
      '2{"a":1}',
      '51-["send",{"_placeholder":true,"num":7}]',
      '599999999-["send"]',
      '2["disconnect"]',
      '4"x"',
      '9',
      '0/nsp,{}',
      '\u0000\u0001',
    ]
    for (const packet of garbage) {
      const socket = await connectClient(relay.url)
      const closed = new Promise((resolve) => socket.once('disconnect', resolve))
      // Write a raw engine.io message, bypassing the socket.io encoder.
      ;(socket.io.engine as unknown as { write(data: string): void }).write(packet)
      await Promise.race([closed, sleep(200)])
      socket.disconnect()
    }
    expect(honest.dapp.connected && honest.wallet.connected).toBe(true)
    expect((await call(honest.wallet, 'send', { channel: honest.channel, frame: fakeFrame(4) })).ok).toBe(
      true,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { HandshakeAuthenticationError, UnexpectedFrameError } from '../../errors/relay.js'
import { frameType } from '../constants.js'
import type { Frame } from '../frame.js'
import { type DappHandshakeState, initialDappHandshake, stepDappHandshake } from './dappHandshake.js'
import type { SessionKeys } from './handshakeStep.js'

const retry = 1_000
const frame = (type: number, fill: number): Frame =>
  ({ type, direction: 1, seq: 0, ack: 0, bytes: new Uint8Array(8).fill(fill) }) as unknown as Frame
const hello = frame(frameType.hello, 1)
const otherHello = frame(frameType.hello, 2)
const walletDone = frame(frameType.done, 3)
const otherDone = frame(frameType.done, 4)
const keyFrame = new Uint8Array([5])
const ownDone = new Uint8Array([6])
const keys = { sendKey: {}, receiveKey: {}, transcript: new Uint8Array(32) } as unknown as SessionKeys

const awaitingDone: DappHandshakeState = {
  step: 'awaitingDone',
  hello: hello.bytes,
  keyFrame,
  ownDone,
  keys,
  lastSentAt: 1_000,
}
const complete: DappHandshakeState = {
  step: 'complete',
  hello: hello.bytes,
  ownDone,
  peerDone: walletDone.bytes,
  lastSentAt: 1_000,
}

describe('stepDappHandshake', () => {
  it('asks to open the first HELLO, then moves on with KEY + DNE and the code in one change', () => {
    const first = stepDappHandshake(initialDappHandshake, { type: 'frame', frame: hello, now: 0 }, retry)
    expect(first).toEqual({ state: initialDappHandshake, effects: [{ type: 'openHello', frame: hello }] })
    const opened = stepDappHandshake(
      first.state,
      {
        type: 'helloOpened',
        hello: hello.bytes,
        keyFrame,
        ownDone,
        keys,
        verificationCode: '123456',
        now: 5,
      },
      retry,
    )
    expect(opened.state).toEqual({ ...awaitingDone, lastSentAt: 5 })
    expect(opened.effects).toEqual([
      { type: 'started', verificationCode: '123456' },
      { type: 'send', frames: [keyFrame, ownDone] },
    ])
  })

  it('verifies the wallet DNE, then completes with the keys', () => {
    const asked = stepDappHandshake(awaitingDone, { type: 'frame', frame: walletDone, now: 2_000 }, retry)
    expect(asked.effects).toEqual([{ type: 'verifyDone', frame: walletDone, keys }])
    const done = stepDappHandshake(asked.state, { type: 'doneVerified', peerDone: walletDone.bytes }, retry)
    expect(done).toEqual({ state: complete, effects: [{ type: 'complete', keys }] })
  })

  it.each<[string, DappHandshakeState, Frame, number, unknown[]]>([
    [
      'a repeated HELLO is answered with KEY + DNE',
      awaitingDone,
      hello,
      1_500,
      [{ type: 'send', frames: [keyFrame, ownDone] }],
    ],
    ['…but at most twice per retry interval', awaitingDone, hello, 1_499, []],
    ['a repeated HELLO after completion is ignored', complete, hello, 9_000, []],
    [
      'a repeated wallet DNE is answered with our DNE',
      complete,
      walletDone,
      1_500,
      [{ type: 'send', frames: [ownDone] }],
    ],
    ['…also rate-limited', complete, walletDone, 1_200, []],
  ])('%s', (_name, state, received, now, effects) => {
    expect(stepDappHandshake(state, { type: 'frame', frame: received, now }, retry).effects).toEqual(effects)
  })

  it.each<[string, DappHandshakeState, Frame, new (...args: never[]) => Error, RegExp]>([
    [
      'a second, different HELLO during the handshake',
      awaitingDone,
      otherHello,
      HandshakeAuthenticationError,
      /Rejected a HELLO/,
    ],
    ['a different HELLO after it', complete, otherHello, UnexpectedFrameError, /after the handshake/],
    ['a different DNE after it', complete, otherDone, UnexpectedFrameError, /DNE frame arrived after/],
    [
      'a DNE before any HELLO',
      initialDappHandshake,
      walletDone,
      UnexpectedFrameError,
      /before any valid HELLO/,
    ],
    ['a KEY (the dapp sends KEYs)', awaitingDone, frame(frameType.key, 7), UnexpectedFrameError, /type 2/],
  ])('rejects %s and keeps its state', (_name, state, received, type, message) => {
    const result = stepDappHandshake(state, { type: 'frame', frame: received, now: 5_000 }, retry)
    expect(result.state).toBe(state)
    expect(result.effects).toHaveLength(1)
    const effect = result.effects[0] as { type: string; error: Error }
    expect(effect.type).toBe('reject')
    expect(effect.error).toBeInstanceOf(type)
    expect(effect.error.message).toMatch(message)
  })

  it('re-sends KEY + DNE on every retry tick and re-join until the wallet DNE came', () => {
    const tick = stepDappHandshake(awaitingDone, { type: 'retryTick', now: 2_000, joined: true }, retry)
    expect(tick.effects).toEqual([{ type: 'send', frames: [keyFrame, ownDone] }])
    expect(tick.state).toMatchObject({ lastSentAt: 2_000 })
    expect(
      stepDappHandshake(awaitingDone, { type: 'retryTick', now: 2_000, joined: false }, retry).effects,
    ).toEqual([])
    expect(stepDappHandshake(awaitingDone, { type: 'joined', now: 3_000 }, retry).effects).toEqual([
      { type: 'send', frames: [keyFrame, ownDone] },
    ])
    expect(
      stepDappHandshake(complete, { type: 'retryTick', now: 2_000, joined: true }, retry).effects,
    ).toEqual([])
    expect(stepDappHandshake(initialDappHandshake, { type: 'joined', now: 0 }, retry).effects).toEqual([])
  })

  it('times out unless complete, and a timed-out handshake takes no more input', () => {
    const timedOut = stepDappHandshake(awaitingDone, { type: 'timeout' }, retry)
    expect(timedOut).toEqual({ state: { step: 'timedOut' }, effects: [{ type: 'timedOut' }] })
    expect(stepDappHandshake(complete, { type: 'timeout' }, retry)).toEqual({ state: complete, effects: [] })
    expect(stepDappHandshake(timedOut.state, { type: 'frame', frame: hello, now: 0 }, retry).effects).toEqual(
      [],
    )
    expect(
      stepDappHandshake(timedOut.state, { type: 'doneVerified', peerDone: walletDone.bytes }, retry).effects,
    ).toEqual([])
  })
})

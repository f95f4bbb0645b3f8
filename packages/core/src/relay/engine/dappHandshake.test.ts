import { describe, expect, it } from 'vitest'
import {
  HandshakeAuthenticationError,
  HandshakeCommitmentError,
  UnexpectedFrameError,
} from '../../errors/relay.js'
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
const walletCommitment = new Uint8Array(32).fill(7)

const awaitingDone: DappHandshakeState = {
  step: 'awaitingDone',
  hello: hello.bytes,
  walletCommitment,
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
  it('asks to open the first HELLO, then moves on with KEY + DNE (no code yet: the wallet has not revealed)', () => {
    const first = stepDappHandshake(initialDappHandshake, { type: 'frame', frame: hello, now: 0 }, retry)
    expect(first).toEqual({ state: initialDappHandshake, effects: [{ type: 'openHello', frame: hello }] })
    const opened = stepDappHandshake(
      first.state,
      {
        type: 'helloOpened',
        hello: hello.bytes,
        walletCommitment,
        keyFrame,
        ownDone,
        keys,
        now: 5,
      },
      retry,
    )
    expect(opened.state).toEqual({ ...awaitingDone, lastSentAt: 5 })
    expect(opened.effects).toEqual([{ type: 'started' }, { type: 'send', frames: [keyFrame, ownDone] }])
  })

  it("verifies the wallet DNE and its reveal against the HELLO's commitment, then shows the code and completes", () => {
    const asked = stepDappHandshake(awaitingDone, { type: 'frame', frame: walletDone, now: 2_000 }, retry)
    expect(asked.effects).toEqual([{ type: 'verifyDone', frame: walletDone, keys, walletCommitment }])
    const done = stepDappHandshake(
      asked.state,
      { type: 'doneVerified', peerDone: walletDone.bytes, verificationCode: '123456' },
      retry,
    )
    expect(done).toEqual({
      state: complete,
      effects: [{ type: 'complete', keys, verificationCode: '123456' }],
    })
  })

  it('fails for good on a reveal that does not match the commitment: no code, no keys, no more input', () => {
    const error = new HandshakeCommitmentError()
    const failed = stepDappHandshake(awaitingDone, { type: 'revealRefused', error }, retry)
    expect(failed).toEqual({ state: { step: 'failed' }, effects: [{ type: 'failed', error }] })
    expect(failed.effects[0]).toMatchObject({ error: { reason: 'handshake-failed' } })
    for (const input of [
      { type: 'frame', frame: walletDone, now: 3_000 },
      { type: 'frame', frame: hello, now: 3_000 },
      { type: 'doneVerified', peerDone: walletDone.bytes, verificationCode: '123456' },
      { type: 'retryTick', now: 3_000, joined: true },
      { type: 'joined', now: 3_000 },
      { type: 'timeout' },
    ] as const)
      expect(stepDappHandshake(failed.state, input, retry)).toEqual({ state: failed.state, effects: [] })
    // A late refusal once complete (or before any HELLO) changes nothing.
    expect(stepDappHandshake(complete, { type: 'revealRefused', error }, retry)).toEqual({
      state: complete,
      effects: [],
    })
    expect(stepDappHandshake(initialDappHandshake, { type: 'revealRefused', error }, retry).effects).toEqual(
      [],
    )
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
      stepDappHandshake(
        timedOut.state,
        { type: 'doneVerified', peerDone: walletDone.bytes, verificationCode: '123456' },
        retry,
      ).effects,
    ).toEqual([])
  })
})

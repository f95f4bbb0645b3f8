import { describe, expect, it } from 'vitest'
import { HandshakeAuthenticationError, UnexpectedFrameError } from '../../errors/relay.js'
import { frameType } from '../constants.js'
import type { Frame } from '../frame.js'
import type { AesKey } from '../webCrypto.js'
import type { SessionKeys } from './handshakeStep.js'
import { initialWalletHandshake, stepWalletHandshake, type WalletHandshakeState } from './walletHandshake.js'

const retry = 1_000
const frame = (type: number, fill: number): Frame =>
  ({ type, direction: 0, seq: 0, ack: 0, bytes: new Uint8Array(8).fill(fill) }) as unknown as Frame
const keyFrame = frame(frameType.key, 1)
const otherKey = frame(frameType.key, 2)
const dappDone = frame(frameType.done, 3)
const otherDone = frame(frameType.done, 4)
const hello = {
  frame: new Uint8Array([9]),
  walletSecretKey: new Uint8Array(32),
  walletNonce: new Uint8Array(32).fill(5),
  sendKey: {} as AesKey,
}
const ownDone = new Uint8Array([6])
const keys = { sendKey: {}, receiveKey: {}, transcript: new Uint8Array(32) } as unknown as SessionKeys

const awaitingKey: WalletHandshakeState = { step: 'awaitingKey', hello, lastSentAt: 1_000 }
const awaitingDone: WalletHandshakeState = {
  step: 'awaitingDone',
  keyFrame: keyFrame.bytes,
  ownDone,
  keys,
  lastSentAt: 1_000,
}
const complete: WalletHandshakeState = {
  step: 'complete',
  keyFrame: keyFrame.bytes,
  ownDone,
  peerDone: dappDone.bytes,
  lastSentAt: 1_000,
}

describe('stepWalletHandshake', () => {
  it('walks idle → HELLO → KEY → DNE → complete', () => {
    const joined = stepWalletHandshake(initialWalletHandshake, { type: 'joined', now: 0 }, retry)
    expect(joined).toEqual({
      state: { step: 'creatingHello' },
      effects: [{ type: 'started' }, { type: 'createHello' }],
    })
    const created = stepWalletHandshake(joined.state, { type: 'helloCreated', hello, now: 1_000 }, retry)
    expect(created).toEqual({ state: awaitingKey, effects: [{ type: 'send', frames: [hello.frame] }] })
    const key = stepWalletHandshake(created.state, { type: 'frame', frame: keyFrame, now: 1_100 }, retry)
    expect(key.effects).toEqual([{ type: 'openKey', frame: keyFrame, hello }])
    const opened = stepWalletHandshake(
      key.state,
      { type: 'keyOpened', keyFrame: keyFrame.bytes, ownDone, keys, verificationCode: '654321', now: 1_000 },
      retry,
    )
    expect(opened).toEqual({
      state: awaitingDone,
      effects: [
        { type: 'verificationCode', verificationCode: '654321' },
        { type: 'send', frames: [ownDone] },
      ],
    })
    const done = stepWalletHandshake(opened.state, { type: 'frame', frame: dappDone, now: 1_200 }, retry)
    expect(done.effects).toEqual([{ type: 'verifyDone', frame: dappDone, keys }])
    expect(
      stepWalletHandshake(done.state, { type: 'doneVerified', peerDone: dappDone.bytes }, retry),
    ).toEqual({
      state: complete,
      effects: [{ type: 'complete', keys }],
    })
  })

  it.each<[string, WalletHandshakeState, { now: number; joined: boolean }, unknown[]]>([
    [
      'HELLO is re-sent until a KEY came',
      awaitingKey,
      { now: 2_000, joined: true },
      [{ type: 'send', frames: [hello.frame] }],
    ],
    [
      'then the DNE until the dapp DNE came',
      awaitingDone,
      { now: 2_000, joined: true },
      [{ type: 'send', frames: [ownDone] }],
    ],
    ['nothing while away from the relay', awaitingKey, { now: 2_000, joined: false }, []],
    ['nothing once complete', complete, { now: 2_000, joined: true }, []],
    ['nothing while the HELLO is being built', { step: 'creatingHello' }, { now: 2_000, joined: true }, []],
  ])('retry tick: %s', (_name, state, tick, effects) => {
    expect(stepWalletHandshake(state, { type: 'retryTick', ...tick }, retry).effects).toEqual(effects)
  })

  it.each<[string, WalletHandshakeState, Frame, number, unknown[]]>([
    [
      'a repeated KEY is answered with our DNE',
      awaitingDone,
      keyFrame,
      1_500,
      [{ type: 'send', frames: [ownDone] }],
    ],
    ['…at most twice per retry interval', awaitingDone, keyFrame, 1_499, []],
    ['…also after completion', complete, keyFrame, 1_500, [{ type: 'send', frames: [ownDone] }]],
    ['a repeated dapp DNE after completion is ignored', complete, dappDone, 1_500, []],
  ])('%s', (_name, state, received, now, effects) => {
    expect(stepWalletHandshake(state, { type: 'frame', frame: received, now }, retry).effects).toEqual(
      effects,
    )
  })

  it.each<[string, WalletHandshakeState, Frame, new (...args: never[]) => Error, RegExp]>([
    [
      'a different KEY during the handshake (the DNE revealed Nw for the first KEY only)',
      awaitingDone,
      otherKey,
      HandshakeAuthenticationError,
      /Rejected a KEY/,
    ],
    ['a different KEY after it', complete, otherKey, UnexpectedFrameError, /after the handshake/],
    [
      'a KEY before this wallet sent HELLO',
      initialWalletHandshake,
      keyFrame,
      UnexpectedFrameError,
      /before this wallet sent HELLO/,
    ],
    ['a DNE before a valid KEY', awaitingKey, dappDone, UnexpectedFrameError, /before a valid KEY/],
    [
      'a different DNE after the handshake',
      complete,
      otherDone,
      UnexpectedFrameError,
      /DNE frame arrived after/,
    ],
    [
      'a HELLO (the wallet sends HELLOs)',
      awaitingKey,
      frame(frameType.hello, 8),
      UnexpectedFrameError,
      /type 1/,
    ],
  ])('rejects %s and keeps its state', (_name, state, received, type, message) => {
    const result = stepWalletHandshake(state, { type: 'frame', frame: received, now: 5_000 }, retry)
    expect(result.state).toBe(state)
    const effect = result.effects[0] as { type: string; error: Error }
    expect(result.effects).toHaveLength(1)
    expect(effect.type).toBe('reject')
    expect(effect.error).toBeInstanceOf(type)
    expect(effect.error.message).toMatch(message)
  })

  it('times out unless complete; late crypto results after a timeout change nothing', () => {
    const timedOut = stepWalletHandshake(awaitingKey, { type: 'timeout' }, retry)
    expect(timedOut).toEqual({ state: { step: 'timedOut' }, effects: [{ type: 'timedOut' }] })
    expect(stepWalletHandshake(complete, { type: 'timeout' }, retry)).toEqual({
      state: complete,
      effects: [],
    })
    expect(
      stepWalletHandshake(
        timedOut.state,
        { type: 'keyOpened', keyFrame: keyFrame.bytes, ownDone, keys, verificationCode: '1', now: 0 },
        retry,
      ),
    ).toEqual({ state: { step: 'timedOut' }, effects: [] })
  })
})

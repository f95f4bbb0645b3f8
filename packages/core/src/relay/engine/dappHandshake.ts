import { type HandshakeCommitmentError, UnexpectedFrameError } from '../../errors/relay.js'
import { frameType } from '../constants.js'
import type { Frame } from '../frame.js'
import {
  answerRepeat,
  type HandshakeStepResult,
  type HandshakeTimerInput,
  isSameFrame,
  rejected,
  type SessionKeys,
  unexpectedAfter,
} from './handshakeStep.js'

/**
 * The dapp's side of the handshake (docs/protocol.md section 4.1). The dapp waits for the wallet's HELLO,
 * answers KEY + DNE (re-sent every retry interval), and is done once the wallet's DNE verifies and reveals
 * the nonce its HELLO committed to; only then does the dapp know the verification code. A reveal that does
 * not match the commitment ends the handshake (`failed`).
 */
export type DappHandshakeState =
  | { step: 'awaitingHello' }
  | {
      step: 'awaitingDone'
      hello: Uint8Array
      /** `Cw` from the HELLO: the wallet's DNE must reveal its preimage. */
      walletCommitment: Uint8Array
      keyFrame: Uint8Array
      ownDone: Uint8Array
      keys: SessionKeys
      lastSentAt: number
    }
  | {
      step: 'complete'
      hello: Uint8Array
      ownDone: Uint8Array
      peerDone: Uint8Array
      lastSentAt: number
    }
  | { step: 'timedOut' }
  | { step: 'failed' }

export type DappHandshakeInput =
  | HandshakeTimerInput
  /** A HELLO or DNE frame from the relay. */
  | { type: 'frame'; frame: Frame; now: number }
  /** The shell opened a HELLO (`openHello` effect) and built KEY and DNE. */
  | {
      type: 'helloOpened'
      hello: Uint8Array
      walletCommitment: Uint8Array
      keyFrame: Uint8Array
      ownDone: Uint8Array
      keys: SessionKeys
      now: number
    }
  /** The shell verified the wallet's DNE and its reveal (`verifyDone` effect), and computed the code. */
  | { type: 'doneVerified'; peerDone: Uint8Array; verificationCode: string }
  /** The wallet's DNE is authentic but reveals a nonce that does not match the HELLO's commitment. */
  | { type: 'revealRefused'; error: HandshakeCommitmentError }

/** Crypto the dapp's shell runs for a step. */
export type DappHandshakeCrypto =
  /** Open the HELLO, build KEY and DNE, then feed `helloOpened`. */
  | { type: 'openHello'; frame: Frame }
  /**
   * Verify the DNE with the wallet's direction key and its reveal against `walletCommitment`, then feed
   * `doneVerified` (or `revealRefused`).
   */
  | { type: 'verifyDone'; frame: Frame; keys: SessionKeys; walletCommitment: Uint8Array }

export type DappHandshakeStep = HandshakeStepResult<DappHandshakeState, DappHandshakeCrypto>

/** The state a dapp starts in. */
export const initialDappHandshake: DappHandshakeState = { step: 'awaitingHello' }

/**
 * One step of the dapp's handshake: pure, so every transition is a row of a table test.
 *
 * @example
 * const { state, effects } = stepDappHandshake(initialDappHandshake, { type: 'frame', frame, now }, 1_000)
 * // effects: [{ type: 'openHello', frame }]
 */
export function stepDappHandshake(
  state: DappHandshakeState,
  input: DappHandshakeInput,
  retryIntervalMs: number,
): DappHandshakeStep {
  if (state.step === 'timedOut' || state.step === 'failed') return { state, effects: [] }
  switch (input.type) {
    case 'frame':
      return onFrame(state, input.frame, input.now, retryIntervalMs)
    case 'helloOpened': {
      if (state.step !== 'awaitingHello') return { state, effects: [] }
      const { hello, walletCommitment, keyFrame, ownDone, keys, now } = input
      return {
        state: { step: 'awaitingDone', hello, walletCommitment, keyFrame, ownDone, keys, lastSentAt: now },
        effects: [{ type: 'started' }, { type: 'send', frames: [keyFrame, ownDone] }],
      }
    }
    case 'doneVerified': {
      if (state.step !== 'awaitingDone') return { state, effects: [] }
      const { hello, ownDone, keys, lastSentAt } = state
      return {
        state: { step: 'complete', hello, ownDone, peerDone: input.peerDone, lastSentAt },
        effects: [{ type: 'complete', keys, verificationCode: input.verificationCode }],
      }
    }
    case 'revealRefused':
      if (state.step !== 'awaitingDone') return { state, effects: [] }
      // Only the HELLO's author can seal this DNE: it tried to change its part of the code. No second chance.
      return { state: { step: 'failed' }, effects: [{ type: 'failed', error: input.error }] }
    case 'retryTick':
    case 'joined': {
      // KEY and DNE are re-sent until the wallet's DNE arrives (a lost frame, or a relay that restarted).
      if (state.step !== 'awaitingDone') return { state, effects: [] }
      if (input.type === 'retryTick' && !input.joined) return { state, effects: [] }
      return {
        state: { ...state, lastSentAt: input.now },
        effects: [{ type: 'send', frames: [state.keyFrame, state.ownDone] }],
      }
    }
    case 'timeout':
      if (state.step === 'complete') return { state, effects: [] }
      return { state: { step: 'timedOut' }, effects: [{ type: 'timedOut' }] }
  }
}

function onFrame(
  state: Exclude<DappHandshakeState, { step: 'timedOut' | 'failed' }>,
  frame: Frame,
  now: number,
  retryIntervalMs: number,
): DappHandshakeStep {
  const complete = state.step === 'complete'
  if (frame.type === frameType.hello) {
    if (state.step === 'awaitingHello') return { state, effects: [{ type: 'openHello', frame }] }
    if (isSameFrame(state.hello, frame.bytes)) {
      // The wallet did not get KEY + DNE yet: answer again (rate-limited). Once complete, nothing to say.
      if (state.step !== 'awaitingDone') return { state, effects: [] }
      const repeat = answerRepeat([state.keyFrame, state.ownDone], state.lastSentAt, now, retryIntervalMs)
      return { state: { ...state, lastSentAt: repeat.lastSentAt }, effects: repeat.effects }
    }
    return rejected(
      state,
      unexpectedAfter(complete, 'HELLO', 'a different HELLO arrived after the first valid one'),
    )
  }
  if (frame.type === frameType.done) {
    if (state.step === 'complete') {
      if (!isSameFrame(state.peerDone, frame.bytes))
        return rejected(state, unexpectedAfter(true, 'DNE', 'a different DNE arrived after the handshake'))
      // The wallet still waits for our DNE (section 4.1): answer it.
      const repeat = answerRepeat([state.ownDone], state.lastSentAt, now, retryIntervalMs)
      return { state: { ...state, lastSentAt: repeat.lastSentAt }, effects: repeat.effects }
    }
    if (state.step === 'awaitingHello')
      return rejected(state, new UnexpectedFrameError('A DNE arrived before any valid HELLO; dropped.'))
    const { keys, walletCommitment } = state
    return { state, effects: [{ type: 'verifyDone', frame, keys, walletCommitment }] }
  }
  return rejected(
    state,
    new UnexpectedFrameError(`The dapp does not expect a frame of type ${frame.type}; dropped.`),
  )
}

import { UnexpectedFrameError } from '../../errors/relay.js'
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
 * answers KEY + DNE (re-sent every retry interval), and is done once the wallet's DNE verifies.
 */
export type DappHandshakeState =
  | { step: 'awaitingHello' }
  | {
      step: 'awaitingDone'
      hello: Uint8Array
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

export type DappHandshakeInput =
  | HandshakeTimerInput
  /** A HELLO or DNE frame from the relay. */
  | { type: 'frame'; frame: Frame; now: number }
  /** The shell opened a HELLO (`openHello` effect) and built KEY and DNE. */
  | {
      type: 'helloOpened'
      hello: Uint8Array
      keyFrame: Uint8Array
      ownDone: Uint8Array
      keys: SessionKeys
      verificationCode: string
      now: number
    }
  /** The shell verified the wallet's DNE (`verifyDone` effect). */
  | { type: 'doneVerified'; peerDone: Uint8Array }

/** Crypto the dapp's shell runs for a step. */
export type DappHandshakeCrypto =
  /** Open the HELLO, build KEY and DNE, then feed `helloOpened`. */
  | { type: 'openHello'; frame: Frame }
  /** Verify the DNE with the wallet's direction key, then feed `doneVerified`. */
  | { type: 'verifyDone'; frame: Frame; keys: SessionKeys }

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
  if (state.step === 'timedOut') return { state, effects: [] }
  switch (input.type) {
    case 'frame':
      return onFrame(state, input.frame, input.now, retryIntervalMs)
    case 'helloOpened': {
      if (state.step !== 'awaitingHello') return { state, effects: [] }
      const { hello, keyFrame, ownDone, keys, verificationCode, now } = input
      return {
        state: { step: 'awaitingDone', hello, keyFrame, ownDone, keys, lastSentAt: now },
        effects: [
          { type: 'started', verificationCode },
          { type: 'send', frames: [keyFrame, ownDone] },
        ],
      }
    }
    case 'doneVerified': {
      if (state.step !== 'awaitingDone') return { state, effects: [] }
      const { hello, ownDone, keys, lastSentAt } = state
      return {
        state: { step: 'complete', hello, ownDone, peerDone: input.peerDone, lastSentAt },
        effects: [{ type: 'complete', keys }],
      }
    }
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
  state: Exclude<DappHandshakeState, { step: 'timedOut' }>,
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
    return { state, effects: [{ type: 'verifyDone', frame, keys: state.keys }] }
  }
  return rejected(
    state,
    new UnexpectedFrameError(`The dapp does not expect a frame of type ${frame.type}; dropped.`),
  )
}

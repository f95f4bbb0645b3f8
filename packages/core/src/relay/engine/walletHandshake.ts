import { UnexpectedFrameError } from '../../errors/relay.js'
import { frameType } from '../constants.js'
import type { Frame } from '../frame.js'
import type { AesKey } from '../webCrypto.js'
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
 * The wallet's side of the handshake (docs/protocol.md section 4.1). The wallet sends HELLO once it joined
 * (re-sent every retry interval), answers the first valid KEY with its DNE (which reveals the nonce the HELLO
 * committed to; a different KEY later is refused, so the reveal answers one KEY only), and is done once the
 * dapp's DNE verifies. Its timer starts with the session.
 */
export type WalletHandshakeState =
  /** Not joined yet: no HELLO. */
  | { step: 'idle' }
  /** Joined; the shell builds the HELLO (`createHello` effect). */
  | { step: 'creatingHello' }
  | { step: 'awaitingKey'; hello: WalletHello; lastSentAt: number }
  | {
      step: 'awaitingDone'
      keyFrame: Uint8Array
      ownDone: Uint8Array
      keys: SessionKeys
      lastSentAt: number
    }
  | { step: 'complete'; keyFrame: Uint8Array; ownDone: Uint8Array; peerDone: Uint8Array; lastSentAt: number }
  | { step: 'timedOut' }

/** The HELLO this wallet sent and the secrets only it holds to open the dapp's KEY. */
export type WalletHello = {
  frame: Uint8Array
  walletSecretKey: Uint8Array
  /** `Nw`: the HELLO commits to it; the DNE reveals it, only after a valid KEY. */
  walletNonce: Uint8Array
  /** The wallet → dapp direction key, imported once. */
  sendKey: AesKey
}

export type WalletHandshakeInput =
  | HandshakeTimerInput
  /** A KEY or DNE frame from the relay. */
  | { type: 'frame'; frame: Frame; now: number }
  /** The shell built the HELLO (`createHello` effect). */
  | { type: 'helloCreated'; hello: WalletHello; now: number }
  /** The shell opened the KEY and built this wallet's DNE (`openKey` effect). */
  | {
      type: 'keyOpened'
      keyFrame: Uint8Array
      ownDone: Uint8Array
      keys: SessionKeys
      verificationCode: string
      now: number
    }
  /** The shell verified the dapp's DNE (`verifyDone` effect). */
  | { type: 'doneVerified'; peerDone: Uint8Array }

/** Crypto the wallet's shell runs for a step. */
export type WalletHandshakeCrypto =
  | { type: 'createHello' }
  | { type: 'openKey'; frame: Frame; hello: WalletHello }
  | { type: 'verifyDone'; frame: Frame; keys: SessionKeys }

export type WalletHandshakeStep = HandshakeStepResult<WalletHandshakeState, WalletHandshakeCrypto>

/** The state a wallet starts in. */
export const initialWalletHandshake: WalletHandshakeState = { step: 'idle' }

/**
 * One step of the wallet's handshake: pure, so every transition is a row of a table test.
 *
 * @example
 * stepWalletHandshake(initialWalletHandshake, { type: 'joined', now: 0 }, 1_000)
 * // → { state: { step: 'creatingHello' }, effects: [{ type: 'started' }, { type: 'createHello' }] }
 */
export function stepWalletHandshake(
  state: WalletHandshakeState,
  input: WalletHandshakeInput,
  retryIntervalMs: number,
): WalletHandshakeStep {
  if (state.step === 'timedOut') return { state, effects: [] }
  switch (input.type) {
    case 'joined':
      if (state.step === 'idle')
        return { state: { step: 'creatingHello' }, effects: [{ type: 'started' }, { type: 'createHello' }] }
      return resend(state, input.now)
    case 'retryTick':
      return input.joined ? resend(state, input.now) : { state, effects: [] }
    case 'helloCreated':
      if (state.step !== 'creatingHello') return { state, effects: [] }
      return {
        state: { step: 'awaitingKey', hello: input.hello, lastSentAt: input.now },
        effects: [{ type: 'send', frames: [input.hello.frame] }],
      }
    case 'keyOpened': {
      if (state.step !== 'awaitingKey') return { state, effects: [] }
      const { keyFrame, ownDone, keys, verificationCode, now } = input
      return {
        state: { step: 'awaitingDone', keyFrame, ownDone, keys, lastSentAt: now },
        effects: [
          { type: 'verificationCode', verificationCode },
          { type: 'send', frames: [ownDone] },
        ],
      }
    }
    case 'doneVerified': {
      if (state.step !== 'awaitingDone') return { state, effects: [] }
      const { keyFrame, ownDone, keys, lastSentAt } = state
      return {
        state: { step: 'complete', keyFrame, ownDone, peerDone: input.peerDone, lastSentAt },
        effects: [{ type: 'complete', keys }],
      }
    }
    case 'timeout':
      if (state.step === 'complete') return { state, effects: [] }
      return { state: { step: 'timedOut' }, effects: [{ type: 'timedOut' }] }
    case 'frame':
      return onFrame(state, input.frame, input.now, retryIntervalMs)
  }
}

/** HELLO until a KEY came, then DNE until the dapp's DNE came (section 4.1). */
function resend(state: WalletHandshakeState, now: number): WalletHandshakeStep {
  if (state.step === 'awaitingKey')
    return { state: { ...state, lastSentAt: now }, effects: [{ type: 'send', frames: [state.hello.frame] }] }
  if (state.step === 'awaitingDone')
    return { state: { ...state, lastSentAt: now }, effects: [{ type: 'send', frames: [state.ownDone] }] }
  return { state, effects: [] }
}

function onFrame(
  state: Exclude<WalletHandshakeState, { step: 'timedOut' }>,
  frame: Frame,
  now: number,
  retryIntervalMs: number,
): WalletHandshakeStep {
  const complete = state.step === 'complete'
  if (frame.type === frameType.key) {
    if (state.step === 'awaitingDone' || state.step === 'complete') {
      if (!isSameFrame(state.keyFrame, frame.bytes))
        return rejected(
          state,
          unexpectedAfter(complete, 'KEY', 'a different KEY arrived after the first valid one'),
        )
      // The dapp did not get our DNE: answer again (rate-limited).
      const repeat = answerRepeat([state.ownDone], state.lastSentAt, now, retryIntervalMs)
      return { state: { ...state, lastSentAt: repeat.lastSentAt }, effects: repeat.effects }
    }
    if (state.step !== 'awaitingKey')
      return rejected(state, new UnexpectedFrameError('A KEY arrived before this wallet sent HELLO.'))
    return { state, effects: [{ type: 'openKey', frame, hello: state.hello }] }
  }
  if (frame.type === frameType.done) {
    if (state.step === 'complete') {
      if (isSameFrame(state.peerDone, frame.bytes)) return { state, effects: [] }
      return rejected(state, unexpectedAfter(true, 'DNE', 'a different DNE arrived after the handshake'))
    }
    if (state.step !== 'awaitingDone')
      return rejected(state, new UnexpectedFrameError('A DNE arrived before a valid KEY; dropped.'))
    return { state, effects: [{ type: 'verifyDone', frame, keys: state.keys }] }
  }
  return rejected(
    state,
    new UnexpectedFrameError(`The wallet does not expect a frame of type ${frame.type}; dropped.`),
  )
}

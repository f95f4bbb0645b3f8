import type { DapplinkError } from '../../errors/base.js'
import {
  HandshakeAuthenticationError,
  type SessionClosedError,
  UnexpectedFrameError,
} from '../../errors/relay.js'
import { constantTimeEqual } from '../bytes.js'
import type { AesKey } from '../webCrypto.js'

/** The direction keys and transcript a finished key exchange leaves (memory only). */
export type SessionKeys = {
  /** This side's direction key (seals). */
  sendKey: AesKey
  /** The peer's direction key (opens). */
  receiveKey: AesKey
  /** SHA-256 of HELLO || KEY: what both DNE frames and (with the wallet's nonce) the verification code are bound to. */
  transcript: Uint8Array
  /** `Tw'`, the wallet's join token once the channel is paired (`deriveWalletSessionToken`). */
  walletSessionToken: Uint8Array
}

/** What a handshake step asks its shell to do, in order. Crypto results come back as inputs. */
export type HandshakeEffect<Crypto> =
  /** Hand these frames to the relay now (best effort; never re-sent after a reconnect). */
  | { type: 'send'; frames: Uint8Array[] }
  /** Run the crypto `Crypto` names and feed its result back. */
  | Crypto
  /** A frame was refused (typed); the handshake goes on. */
  | { type: 'reject'; error: DapplinkError }
  /** The handshake began: status `handshaking`, and the dapp starts its timers now. */
  | { type: 'started' }
  /** The wallet shows this code once it opened KEY (the dapp learns it on completion). */
  | { type: 'verificationCode'; verificationCode: string }
  /**
   * The DATA phase may begin with these keys. The dapp learns the code here, from the wallet's revealed nonce:
   * one state change carries both.
   */
  | { type: 'complete'; keys: SessionKeys; verificationCode?: string }
  /** The handshake timer ran out before completion: close the session with `HandshakeTimeoutError`. */
  | { type: 'timedOut' }
  /** The peer broke the protocol in a way only it could (a reveal that does not match): close with `error`. */
  | { type: 'failed'; error: SessionClosedError }

/** The result of one step: the next state and what to do. */
export type HandshakeStepResult<State, Crypto> = { state: State; effects: HandshakeEffect<Crypto>[] }

/** Inputs both roles share: the timers and the relay membership. */
export type HandshakeTimerInput =
  /** The 1 s retry timer fired (`joined`: whether frames can reach the relay now). */
  | { type: 'retryTick'; now: number; joined: boolean }
  /** The 10 s handshake timer fired. */
  | { type: 'timeout' }
  /** This side (re-)joined the relay channel. */
  | { type: 'joined'; now: number }

/** Whether `frame` is byte-for-byte the frame `known` (constant time). */
export function isSameFrame(known: Uint8Array | undefined, frame: Uint8Array): boolean {
  return known !== undefined && constantTimeEqual(known, frame)
}

/**
 * Repeated handshake frames are answered at most twice per retry interval, so a burst of queued re-sends
 * does not multiply. Returns the frames to send and the new last-send time.
 */
export function answerRepeat(
  frames: Uint8Array[],
  lastSentAt: number,
  now: number,
  retryIntervalMs: number,
): { effects: HandshakeEffect<never>[]; lastSentAt: number } {
  if (now - lastSentAt < retryIntervalMs / 2) return { effects: [], lastSentAt }
  return { effects: [{ type: 'send', frames }], lastSentAt: now }
}

/** A frame that contradicts an earlier accepted one: an attack before completion, noise after it. */
export function unexpectedAfter(complete: boolean, name: string, what: string): DapplinkError {
  return complete
    ? new UnexpectedFrameError(`A ${name} frame arrived after the handshake; dropped.`, { details: what })
    : new HandshakeAuthenticationError(`Rejected a ${name}: ${what}.`)
}

/** A step result that changes nothing but reports `error`. */
export function rejected<State>(state: State, error: DapplinkError): HandshakeStepResult<State, never> {
  return { state, effects: [{ type: 'reject', error }] }
}

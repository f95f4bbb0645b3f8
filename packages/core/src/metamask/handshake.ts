import { constantTimeEqual } from '../crypto/constantTimeEqual.js'
import { isCompressedSecp256k1Point } from '../crypto/ecies.js'
import {
  ConnectionRequestExpiredError,
  HandshakeOfferError,
  IncorrectOtpError,
  MetamaskSessionClosedError,
} from '../errors/metamask.js'
import { base64ToBytes } from './base64.js'
import type { ConnectionMode } from './connectionRequest.js'
import type { HandshakeOffer } from './protocolMessage.js'

// The dapp side of the MWP handshake as a pure step function (docs/metamask.md). Trusted: the first offer
// that opens with the dapp's key wins, with no code to compare (MetaMask Mobile's dapp path). Untrusted:
// the user types the code the wallet shows, 3 tries before its deadline, then the dapp acknowledges.

/** How many wrong codes end an untrusted pairing (as MetaMask's dapp client). */
export const maxOtpAttempts = 3
/** After a request expires, a wallet offer already in the relay's history may still arrive this long. */
export const offerGraceMs = 10_000

/** A handshake channel the dapp listens on; renewal adds one per new QR code. */
export type OpenRequest = { channel: string; expiresAt: number }

/** Where the handshake is. */
export type HandshakeState =
  | { step: 'awaitingOffer'; mode: ConnectionMode; requests: readonly OpenRequest[]; lastOfferError?: Error }
  | {
      step: 'awaitingOtp'
      offer: HandshakeOffer
      walletClientId: string
      walletPublicKey: Uint8Array
      attemptsLeft: number
    }
  | { step: 'open'; sessionChannel: string; walletClientId: string; walletPublicKey: Uint8Array }
  | { step: 'failed'; error: Error }

/** What happens to the handshake. */
export type HandshakeInput =
  | { type: 'requestRenewed'; request: OpenRequest }
  | { type: 'offerReceived'; channel: string; walletClientId: string; offer: HandshakeOffer }
  | { type: 'offerUnreadable'; error: Error }
  | { type: 'otpEntered'; code: string }
  | { type: 'tick'; now: number }

/** What the shell must do. */
export type HandshakeOutput =
  | { type: 'otpRequired'; deadline: number }
  | { type: 'otpRejected'; error: IncorrectOtpError }
  | { type: 'sendAck' }
  | { type: 'warning'; error: Error }

export type HandshakeStep = { state: HandshakeState; outputs: HandshakeOutput[] }

/** The state of a fresh pairing. */
export function startHandshake(mode: ConnectionMode, request: OpenRequest): HandshakeState {
  return { step: 'awaitingOffer', mode, requests: [request] }
}

/** Advances the handshake by one input. Pure; inputs that do not apply to the current step change nothing. */
export function stepHandshake(state: HandshakeState, input: HandshakeInput): HandshakeStep {
  const stay = (outputs: HandshakeOutput[] = []): HandshakeStep => ({ state, outputs })
  switch (state.step) {
    case 'awaitingOffer': {
      if (input.type === 'requestRenewed')
        return { state: { ...state, requests: [...state.requests, input.request] }, outputs: [] }
      if (input.type === 'offerUnreadable') {
        // Anyone can publish to the channel: an offer we cannot open is reported, and the pairing goes on.
        const error = new HandshakeOfferError('A handshake offer could not be opened with the dapp key.', {
          cause: input.error,
          details: 'It was sealed to another key or tampered with; it is ignored.',
        })
        return { state: { ...state, lastOfferError: error }, outputs: [{ type: 'warning', error }] }
      }
      if (input.type === 'tick') {
        const live = state.requests.filter(({ expiresAt }) => input.now < expiresAt + offerGraceMs)
        if (live.length > 0)
          return live.length === state.requests.length
            ? stay()
            : { state: { ...state, requests: live }, outputs: [] }
        const error = new ConnectionRequestExpiredError(
          'No wallet answered the pairing request before it expired.',
          {
            details: 'Show a new QR code (connect again).',
            cause: state.lastOfferError,
          },
        )
        return { state: { step: 'failed', error }, outputs: [] }
      }
      if (input.type !== 'offerReceived') return stay()
      if (!state.requests.some(({ channel }) => channel === input.channel)) return stay()
      const walletPublicKey = readOfferKey(input.offer)
      const channelOk = /^[\w-]{1,128}$/.test(input.offer.channelId)
      if (!walletPublicKey || !channelOk) {
        const error = new HandshakeOfferError('The handshake offer carries an invalid key or channel.', {
          details: 'A wallet key must be a 33-byte compressed secp256k1 point, a channel id a UUID.',
        })
        return { state: { ...state, lastOfferError: error }, outputs: [{ type: 'warning', error }] }
      }
      if (state.mode === 'trusted')
        return {
          state: {
            step: 'open',
            sessionChannel: `session:${input.offer.channelId}`,
            walletClientId: input.walletClientId,
            walletPublicKey,
          },
          outputs: [],
        }
      if (input.offer.otp === undefined || input.offer.deadline === undefined) {
        const error = new HandshakeOfferError('The wallet sent no one-time code for an untrusted pairing.')
        return { state: { ...state, lastOfferError: error }, outputs: [{ type: 'warning', error }] }
      }
      return {
        state: {
          step: 'awaitingOtp',
          offer: input.offer,
          walletClientId: input.walletClientId,
          walletPublicKey,
          attemptsLeft: maxOtpAttempts,
        },
        outputs: [{ type: 'otpRequired', deadline: input.offer.deadline }],
      }
    }
    case 'awaitingOtp': {
      if (input.type === 'tick' && input.now > (state.offer.deadline ?? 0))
        return {
          state: {
            step: 'failed',
            error: new MetamaskSessionClosedError('otp-expired', {
              shortMessage: 'The one-time code expired before it was entered.',
            }),
          },
          outputs: [],
        }
      if (input.type !== 'otpEntered') return stay()
      const encoder = new TextEncoder()
      if (constantTimeEqual(encoder.encode(input.code), encoder.encode(state.offer.otp ?? '')))
        return {
          state: {
            step: 'open',
            sessionChannel: `session:${state.offer.channelId}`,
            walletClientId: state.walletClientId,
            walletPublicKey: state.walletPublicKey,
          },
          outputs: [{ type: 'sendAck' }],
        }
      const attemptsLeft = state.attemptsLeft - 1
      if (attemptsLeft === 0)
        return {
          state: {
            step: 'failed',
            error: new MetamaskSessionClosedError('otp-attempts-exhausted', {
              shortMessage: `The code was wrong ${maxOtpAttempts} times; pair again.`,
            }),
          },
          outputs: [],
        }
      return {
        state: { ...state, attemptsLeft },
        outputs: [{ type: 'otpRejected', error: new IncorrectOtpError(attemptsLeft) }],
      }
    }
    default:
      return stay()
  }
}

function readOfferKey(offer: HandshakeOffer): Uint8Array | undefined {
  try {
    const key = base64ToBytes(offer.publicKeyB64)
    return isCompressedSecp256k1Point(key) ? key : undefined
  } catch {
    return undefined
  }
}

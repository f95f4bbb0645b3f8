import { describe, expect, it } from 'vitest'
import { createEciesKeyPair } from '../crypto/ecies.js'
import {
  ConnectionRequestExpiredError,
  HandshakeOfferError,
  IncorrectOtpError,
  MetamaskSessionClosedError,
} from '../errors/metamask.js'
import { bytesToBase64 } from './base64.js'
import {
  type HandshakeState,
  maxOtpAttempts,
  offerGraceMs,
  startHandshake,
  stepHandshake,
} from './handshake.js'

const walletKey = createEciesKeyPair().publicKey
const request = { channel: 'handshake:one', expiresAt: 60_000 }
const offer = { publicKeyB64: bytesToBase64(walletKey), channelId: '7b7c1f9e-0d1c-4b7e-9d6a-0c1e2f3a4b5c' }
const offerInput = (patch: Record<string, unknown> = {}) => ({
  type: 'offerReceived' as const,
  channel: 'handshake:one',
  walletClientId: 'wallet-1',
  offer: { ...offer, ...patch },
})

describe('trusted handshake', () => {
  it('opens on the first valid offer, on the session channel it names', () => {
    const { state, outputs } = stepHandshake(startHandshake('trusted', request), offerInput())
    expect(outputs).toEqual([])
    expect(state).toEqual({
      step: 'open',
      sessionChannel: `session:${offer.channelId}`,
      walletClientId: 'wallet-1',
      walletPublicKey: walletKey,
    })
    // A second offer changes nothing: the first one won.
    expect(stepHandshake(state, { ...offerInput(), walletClientId: 'other' }).state).toBe(state)
  })

  it('reports an unreadable offer as a typed warning and keeps waiting', () => {
    const { state, outputs } = stepHandshake(startHandshake('trusted', request), {
      type: 'offerUnreadable',
      error: new Error('tag'),
    })
    expect(state.step).toBe('awaitingOffer')
    expect(outputs[0]?.type).toBe('warning')
    expect((outputs[0] as { error: Error }).error).toBeInstanceOf(HandshakeOfferError)
    // And the expiry that follows names it as the cause.
    const expired = stepHandshake(state, { type: 'tick', now: request.expiresAt + offerGraceMs }).state
    expect(expired.step).toBe('failed')
    const error = (expired as { error: Error }).error
    expect(error).toBeInstanceOf(ConnectionRequestExpiredError)
    expect(error.cause).toBeInstanceOf(HandshakeOfferError)
  })

  it.each([
    ['a 65-byte key', { publicKeyB64: bytesToBase64(new Uint8Array(65).fill(4)) }],
    ['a key that is not base64', { publicKeyB64: '***' }],
    ['a channel id with a colon', { channelId: 'a:b' }],
  ])('refuses an offer with %s', (_, patch) => {
    const { state, outputs } = stepHandshake(startHandshake('trusted', request), offerInput(patch))
    expect(state.step).toBe('awaitingOffer')
    expect((outputs[0] as { error: Error }).error).toBeInstanceOf(HandshakeOfferError)
  })

  it('ignores an offer on a channel it does not listen on', () => {
    const start = startHandshake('trusted', request)
    expect(stepHandshake(start, { ...offerInput(), channel: 'handshake:other' }).state).toBe(start)
  })

  it('keeps renewed requests open until each one expires, then fails', () => {
    let state: HandshakeState = startHandshake('trusted', request)
    state = stepHandshake(state, {
      type: 'requestRenewed',
      request: { channel: 'handshake:two', expiresAt: 120_000 },
    }).state
    state = stepHandshake(state, { type: 'tick', now: 60_000 + offerGraceMs }).state
    expect(state).toMatchObject({ step: 'awaitingOffer', requests: [{ channel: 'handshake:two' }] })
    // An offer to the old QR is no longer taken; one to the new QR is.
    expect(stepHandshake(state, offerInput()).state.step).toBe('awaitingOffer')
    expect(stepHandshake(state, { ...offerInput(), channel: 'handshake:two' }).state.step).toBe('open')
    const failed = stepHandshake(state, { type: 'tick', now: 120_000 + offerGraceMs }).state
    expect((failed as { error: Error }).error).toBeInstanceOf(ConnectionRequestExpiredError)
  })
})

describe('untrusted handshake', () => {
  const otpOffer = offerInput({ otp: '123456', deadline: 50_000 })
  const awaitingOtp = stepHandshake(startHandshake('untrusted', request), otpOffer)

  it('asks for the code, then opens and acknowledges on the right one', () => {
    expect(awaitingOtp.outputs).toEqual([{ type: 'otpRequired', deadline: 50_000 }])
    const { state, outputs } = stepHandshake(awaitingOtp.state, { type: 'otpEntered', code: '123456' })
    expect(state.step).toBe('open')
    expect(outputs).toEqual([{ type: 'sendAck' }])
  })

  it('allows two wrong codes, then fails with a typed reason on the third', () => {
    let state = awaitingOtp.state
    for (let attempt = 1; attempt < maxOtpAttempts; attempt++) {
      const step = stepHandshake(state, { type: 'otpEntered', code: '000000' })
      const error = (step.outputs[0] as { error: IncorrectOtpError }).error
      expect(error).toBeInstanceOf(IncorrectOtpError)
      expect(error.attemptsLeft).toBe(maxOtpAttempts - attempt)
      state = step.state
    }
    const last = stepHandshake(state, { type: 'otpEntered', code: '123456 ' }).state
    expect(last.step).toBe('failed')
    const error = (last as unknown as { error: MetamaskSessionClosedError }).error
    expect(error).toBeInstanceOf(MetamaskSessionClosedError)
    expect(error.reason).toBe('otp-attempts-exhausted')
    // Even the right code changes nothing now.
    expect(stepHandshake(last, { type: 'otpEntered', code: '123456' }).state).toBe(last)
  })

  it('fails when the code expires', () => {
    const { state } = stepHandshake(awaitingOtp.state, { type: 'tick', now: 50_001 })
    expect((state as unknown as { error: MetamaskSessionClosedError }).error.reason).toBe('otp-expired')
  })

  it('refuses an untrusted offer without a code', () => {
    const { state, outputs } = stepHandshake(startHandshake('untrusted', request), offerInput())
    expect(state.step).toBe('awaitingOffer')
    expect((outputs[0] as { error: Error }).error).toBeInstanceOf(HandshakeOfferError)
  })
})

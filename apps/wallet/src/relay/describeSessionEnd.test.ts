import {
  HandshakeTimeoutError,
  InvalidPairingUriError,
  PairingLinkUsedError,
  PairingUriVersionError,
} from '@dapplink/wallet/relay'
import { describe, expect, it } from 'vitest'
import { describePairingFailure } from './describePairingFailure.js'
import { describeSessionEnd } from './describeSessionEnd.js'

describe('describeSessionEnd', () => {
  it.each([
    ['terminated', 'The dapp ended the session.'],
    ['disconnected', 'You ended the session.'],
    ['dapp-gone', 'The dapp stopped answering, so the session ended.'],
    ['expired', 'The session expired at the relay.'],
    ['relay-closed', 'The relay closed the session.'],
    ['page-hidden', 'The session ended (page-hidden).'],
    [undefined, 'The session ended (unknown reason).'],
  ] as const)('%s', (reason, text) => {
    expect(describeSessionEnd(reason)).toBe(text)
  })
})

describe('describePairingFailure', () => {
  it('shows the kit’s message for the user, and words the handshake timeout for the wallet side', () => {
    expect(describePairingFailure(new PairingLinkUsedError('channel-gone', 3_000))).toBe(
      'This pairing link was already used, or the dapp ended its session. Ask the dapp for a new QR code.',
    )
    expect(describePairingFailure(new InvalidPairingUriError('This is not a dapplink pairing URI.'))).toBe(
      'This is not a dapplink pairing URI.',
    )
    expect(describePairingFailure(new PairingUriVersionError('1', 2))).toBe(
      'The dapp runs an older dapplink protocol (version 1); this wallet speaks version 2.',
    )
    expect(describePairingFailure(new HandshakeTimeoutError(10_000))).toBe(
      'The dapp did not complete the pairing in time. Check that its page is still open, then scan a new QR code.',
    )
    expect(describePairingFailure(new Error('boom'))).toBe('Pairing failed.')
  })
})

import { describe, expect, it } from 'vitest'
import { afterWalletJoinRefused, firstWalletJoinToken, type WalletJoinToken } from './walletJoinToken.js'

describe('walletJoinToken', () => {
  it('starts with the session token once the wallet holds one', () => {
    expect(firstWalletJoinToken(false)).toBe('pairing')
    expect(firstWalletJoinToken(true)).toBe('session')
  })

  it.each<[WalletJoinToken, string, boolean, WalletJoinToken, boolean]>([
    // The dapp's rekey has not reached the relay yet (or an older relay): the pairing token still joins.
    ['session', 'unauthorized', true, 'pairing', true],
    // The channel is paired: the wallet that holds the session token uses it.
    ['pairing', 'pairing_used', true, 'session', true],
    // A wallet without the session keys cannot join a paired channel: its link was used (reported).
    ['pairing', 'pairing_used', false, 'pairing', false],
    ['pairing', 'unauthorized', false, 'pairing', false],
    // Other refusals wait for the retry interval, starting again from the best token.
    ['pairing', 'unauthorized', true, 'session', false],
    ['session', 'unknown_channel', true, 'session', false],
    ['session', 'rate_limited', true, 'session', false],
    ['pairing', 'unknown_channel', false, 'pairing', false],
  ])('after %s refused %s (session token: %s): %s, now: %s', (tried, code, has, next, retryNow) => {
    expect(afterWalletJoinRefused(tried, code, has)).toEqual({ next, retryNow })
  })
})

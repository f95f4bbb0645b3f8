/**
 * Which token a wallet joins the relay with (docs/protocol.md section 3): the pairing token `Tw` until it
 * holds the session keys, then the session token `Tw'`. Once the dapp has paired the channel (`rekey`) the
 * relay refuses `Tw` with `pairing_used`; before that it does not know `Tw'` yet (`unauthorized`), so each
 * refusal that only says "the other token" is retried at once with it.
 */
export type WalletJoinToken = 'pairing' | 'session'

export type WalletJoinRefusalStep = {
  /** The token of the next attempt. */
  next: WalletJoinToken
  /** Retry now with `next`, without reporting the refusal (it only said which token to use). */
  retryNow: boolean
}

/** The token to start a join with. */
export function firstWalletJoinToken(hasSessionToken: boolean): WalletJoinToken {
  return hasSessionToken ? 'session' : 'pairing'
}

/**
 * After the relay refused a join made with `tried` (its code: `relayCode`). Pure.
 *
 * @example
 * afterWalletJoinRefused('session', 'unauthorized', true) // { next: 'pairing', retryNow: true }: not paired yet
 */
export function afterWalletJoinRefused(
  tried: WalletJoinToken,
  relayCode: string,
  hasSessionToken: boolean,
): WalletJoinRefusalStep {
  if (tried === 'session' && relayCode === 'unauthorized') return { next: 'pairing', retryNow: true }
  if (tried === 'pairing' && relayCode === 'pairing_used' && hasSessionToken)
    return { next: 'session', retryNow: true }
  return { next: firstWalletJoinToken(hasSessionToken), retryNow: false }
}

import type { UsedPairingLinkReason } from '../errors/pairingErrors.js'

// Tells a used pairing link from a fresh one before the 10 s handshake timeout, from what the relay says
// while the wallet pairs. A pure step function: the shell in watchPairingRelay.ts feeds it and runs its timer.

/** What the wallet saw so far. `since`: when the suspicious situation began (ms). */
export type UsedLinkWatchState =
  | { step: 'waiting' }
  /**
   * The relay refuses the channel (`unknown_channel`): closed, expired, or not yet created by the dapp.
   * (A `pairing_used` refusal, a channel paired with another wallet, is a verdict at once: `dapp-busy`, or
   * `dapp-gone` when the relay says the dapp is not in the channel.)
   */
  | { step: 'channelMissing'; since: number }
  /** The dapp is in the channel but has not answered HELLO yet. */
  | { step: 'dappSilent'; since: number }
  /** The channel exists but the dapp is not in it (a fresh dapp joins right after creating it). */
  | { step: 'dappAbsent'; since: number }
  /** The dapp answered (a KEY arrived): the link is fresh; nothing more to watch. */
  | { step: 'answered' }
  | { step: 'used'; reason: UsedPairingLinkReason }

export type UsedLinkWatchInput =
  /** `dappPresent`: what the relay said of the dapp with a `pairing_used` refusal. */
  | { type: 'joinRefused'; code: string; at: number; dappPresent?: boolean | undefined }
  | { type: 'joined'; dappPresent: boolean; at: number }
  | { type: 'dappPresence'; present: boolean; at: number }
  | { type: 'dappAnswered' }
  /** The timer the shell set for `deadline` fired. */
  | { type: 'tick'; at: number }

export type UsedLinkWatchStep = {
  state: UsedLinkWatchState
  /** When to feed the next `tick` (undefined: no timer). */
  deadline: number | undefined
  /** Set once: the link was used; the shell ends pairing with `PairingLinkUsedError`. */
  verdict: UsedPairingLinkReason | undefined
}

const verdicts = {
  channelMissing: 'channel-gone',
  dappSilent: 'dapp-busy',
  dappAbsent: 'dapp-gone',
} as const satisfies Record<string, UsedPairingLinkReason>

/**
 * One step of the used-link watch. `graceMs` is how long a missing channel, a silent dapp or an absent dapp
 * is tolerated: a wallet may join before the dapp's `create` or `join` reached the relay, and a dapp answers
 * HELLO within a round trip.
 */
export function stepUsedLinkWatch(
  state: UsedLinkWatchState,
  input: UsedLinkWatchInput,
  graceMs: number,
): UsedLinkWatchStep {
  const stay = (next: UsedLinkWatchState): UsedLinkWatchStep => ({
    state: next,
    deadline: 'since' in next ? next.since + graceMs : undefined,
    verdict: undefined,
  })
  if (state.step === 'answered' || state.step === 'used') return stay(state)
  switch (input.type) {
    case 'dappAnswered':
      return stay({ step: 'answered' })
    case 'joinRefused':
      // The dapp paired with another wallet (the relay says so for sure): no need to wait. It is busy with
      // that wallet, or gone without closing its channel (a crashed or reloaded page).
      if (input.code === 'pairing_used') {
        const reason = input.dappPresent === false ? 'dapp-gone' : 'dapp-busy'
        return { state: { step: 'used', reason }, deadline: undefined, verdict: reason }
      }
      if (input.code !== 'unknown_channel') return stay(state)
      return judge(
        state.step === 'channelMissing' ? state : { step: 'channelMissing', since: input.at },
        input.at,
      )
    case 'joined':
    case 'dappPresence': {
      const present = input.type === 'joined' ? input.dappPresent : input.present
      const step = present ? 'dappSilent' : 'dappAbsent'
      // A re-join keeps the start of the situation it confirms.
      return stay(state.step === step ? state : { step, since: input.at })
    }
    case 'tick':
      return judge(state, input.at)
  }

  function judge(current: UsedLinkWatchState, at: number): UsedLinkWatchStep {
    if ('since' in current && at - current.since >= graceMs) {
      const reason = verdicts[current.step]
      return { state: { step: 'used', reason }, deadline: undefined, verdict: reason }
    }
    return stay(current)
  }
}

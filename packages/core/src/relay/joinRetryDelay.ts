/**
 * How long a session waits before joining the relay channel again.
 *
 * A wallet refused `unknown_channel` most likely scanned before the dapp's `create` reached the relay
 * (or before the dapp re-created the channel after a relay restart): it tries again soon, doubling from
 * 1/16 of the retry interval up to the interval. Any other refusal waits the whole interval.
 *
 * @param earlyRefusals how many `unknown_channel` refusals in a row came before this one (0 for the first).
 */
export function joinRetryDelayMs(retryIntervalMs: number, earlyRefusals: number | undefined): number {
  if (earlyRefusals === undefined) return retryIntervalMs
  return Math.min(retryIntervalMs, (retryIntervalMs / 16) * 2 ** earlyRefusals)
}

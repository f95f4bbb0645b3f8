// The deadline a dapp puts inside each sealed request, and the wallet's rule for it (docs/protocol.md
// section 6): a relay that holds a request until after the dapp gave up cannot get it executed later.

/**
 * The longest a dapp may wait for one relay request (10 minutes), and so the furthest ahead a wallet accepts
 * a deadline. A user approves on the phone within minutes; a deadline further out is refused.
 */
export const maxRequestTimeoutMs = 600_000

/**
 * How far the dapp's clock (a desktop browser) and the wallet's (a phone) may disagree: 30 s. Both usually
 * set their time from the network and agree within a second; a larger tolerance would let a relay release a
 * held request that much later.
 */
export const requestDeadlineSkewMs = 30_000

/** Why the wallet refuses a request's deadline. */
export type RequestDeadlineProblem = 'missing' | 'expired' | 'tooFar'

/** The wallet's verdict on a request's deadline. */
export type RequestDeadlineCheck =
  | {
      ok: true
      /** How long, by the wallet's clock, the request may still wait for approval. */
      remainingMs: number
    }
  | { ok: false; problem: RequestDeadlineProblem; shortMessage: string }

/**
 * The wallet's rule for a request's `deadline` (ms since the Unix epoch) at its own time `now`: refused when
 * missing, more than `requestDeadlineSkewMs` in the past, or more than `maxRequestTimeoutMs` plus the skew
 * in the future.
 *
 * @example
 * const check = checkRequestDeadline(request.deadline, Date.now())
 * if (!check.ok) refuse(check.shortMessage)
 */
export function checkRequestDeadline(deadline: number | undefined, now: number): RequestDeadlineCheck {
  if (deadline === undefined || !Number.isFinite(deadline))
    return {
      ok: false,
      problem: 'missing',
      shortMessage: 'The request carries no deadline; protocol version 2 requires one (ms since the epoch).',
    }
  const remainingMs = deadline + requestDeadlineSkewMs - now
  if (remainingMs < 0)
    return {
      ok: false,
      problem: 'expired',
      shortMessage: `The request expired ${Math.round((now - deadline) / 1_000)} s ago by the wallet's clock; the dapp no longer waits for it. If this repeats, check both devices' clocks.`,
    }
  const aheadMs = deadline - now
  if (aheadMs > maxRequestTimeoutMs + requestDeadlineSkewMs)
    return {
      ok: false,
      problem: 'tooFar',
      shortMessage: `The request's deadline is ${Math.round(aheadMs / 1_000)} s ahead; at most ${maxRequestTimeoutMs / 1_000} s (plus ${requestDeadlineSkewMs / 1_000} s of clock skew) is allowed.`,
    }
  return { ok: true, remainingMs }
}

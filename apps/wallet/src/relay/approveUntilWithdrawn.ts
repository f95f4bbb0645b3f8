import { RequestCancelledError, RequestDeadlineError } from '@dapplink/wallet/relay'

/**
 * Asks the user (`ask` shows the approval dialog) until they answer or the kit withdraws the request: the
 * dapp cancelled it or its deadline passed (`signal` aborts). Then `withdraw` closes the dialog and gets the
 * sentence for the status line. A session that ended is left to the panel, which says why it ended.
 */
export async function approveUntilWithdrawn(
  signal: AbortSignal,
  ask: () => Promise<boolean>,
  withdraw: (why: string) => void,
): Promise<boolean> {
  const onAbort = () => {
    const why = describeWithdrawal(signal.reason)
    if (why !== undefined) withdraw(why)
  }
  signal.addEventListener('abort', onAbort, { once: true })
  try {
    return await ask()
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** What the user reads when a shown request is withdrawn; undefined when the session ended (said elsewhere). */
export function describeWithdrawal(reason: unknown): string | undefined {
  if (reason instanceof RequestCancelledError) return 'The app cancelled its request. Nothing was signed.'
  if (reason instanceof RequestDeadlineError)
    return 'The request expired before it was approved (the app stopped waiting). Nothing was signed.'
  return undefined
}

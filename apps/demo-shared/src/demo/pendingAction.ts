/**
 * What the page asked the wallet, kept in sessionStorage: a deeplink request leaves the page, and the answer
 * comes back on a fresh page load that must still know the message it asked to sign or the balance before
 * the transfer.
 */
export type PendingAction =
  | { method: 'signMessage'; message: string }
  | { method: 'signTransaction' }
  | { method: 'signAllTransactions'; count: number }
  | { method: 'signAndSendTransaction'; recipient: string; lamports: number; balanceBefore: number }

export type PendingActionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const pendingActionStorageKey = 'dapplink-demo.pending'

/** Remembers the request the page is about to send. */
export function savePendingAction(storage: PendingActionStorage | undefined, action: PendingAction): void {
  try {
    storage?.setItem(pendingActionStorageKey, JSON.stringify(action))
  } catch {
    // Without storage a deeplink answer cannot be checked after the reload; the relay path still works.
  }
}

/** Reads and forgets the pending request, or returns null (none, or an entry this demo did not write). */
export function takePendingAction(storage: PendingActionStorage | undefined): PendingAction | null {
  let raw: string | null | undefined
  try {
    raw = storage?.getItem(pendingActionStorageKey)
    storage?.removeItem(pendingActionStorageKey)
  } catch {
    return null
  }
  if (!raw) return null
  try {
    const parsed = JSON.parse(raw) as PendingAction
    switch (parsed.method) {
      case 'signMessage':
        return typeof parsed.message === 'string' ? parsed : null
      case 'signTransaction':
        return parsed
      case 'signAllTransactions':
        return Number.isInteger(parsed.count) ? parsed : null
      case 'signAndSendTransaction':
        return typeof parsed.recipient === 'string' &&
          Number.isSafeInteger(parsed.lamports) &&
          Number.isSafeInteger(parsed.balanceBefore)
          ? parsed
          : null
      default:
        return null
    }
  } catch {
    return null
  }
}

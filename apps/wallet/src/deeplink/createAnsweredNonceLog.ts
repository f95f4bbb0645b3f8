import type { KeyValueStorage } from '../storage/keyValueStorage.js'

/** The storage key of the answered-nonce log. */
export const answeredNoncesStorageKey = 'dapplink.wallet.answeredNonces'

/** Remembers the nonces of answered deeplink requests across page loads. */
export type AnsweredNonceLog = {
  has(nonce: string): boolean
  add(nonce: string): void
}

/**
 * A bounded log of answered request nonces in Web Storage. The kit refuses a replayed nonce only within
 * one wallet instance; each deeplink opens a new page here, so the app keeps its own log to refuse a
 * reopened link (back button, history) instead of signing it twice.
 *
 * @example
 * const answered = createAnsweredNonceLog(localStorage)
 */
export function createAnsweredNonceLog(storage: KeyValueStorage, maxEntries = 1_000): AnsweredNonceLog {
  const read = (): string[] => {
    try {
      const value = JSON.parse(storage.getItem(answeredNoncesStorageKey) ?? '[]') as unknown
      return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []
    } catch {
      return []
    }
  }
  return {
    has: (nonce) => read().includes(nonce),
    add(nonce) {
      const nonces = read().filter((entry) => entry !== nonce)
      nonces.push(nonce)
      storage.setItem(answeredNoncesStorageKey, JSON.stringify(nonces.slice(-maxEntries)))
    },
  }
}

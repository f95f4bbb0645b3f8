import type { DemoResults } from './processWalletResponse.js'

export type ResultsStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export const resultsStorageKey = 'dapplink-demo.results'

/**
 * The checked results of this account, kept for the tab: every deeplink answer arrives on a fresh page load,
 * and the page should still show the earlier answers of the same session.
 */
export function loadResults(storage: ResultsStorage | undefined, publicKey: string): DemoResults {
  try {
    const saved = JSON.parse(storage?.getItem(resultsStorageKey) ?? 'null') as {
      publicKey?: unknown
      results?: DemoResults
    } | null
    return saved?.publicKey === publicKey && saved.results && typeof saved.results === 'object'
      ? saved.results
      : {}
  } catch {
    return {}
  }
}

/** Keeps `results` for `publicKey` (replacing another account's). */
export function saveResults(
  storage: ResultsStorage | undefined,
  publicKey: string,
  results: DemoResults,
): void {
  try {
    storage?.setItem(resultsStorageKey, JSON.stringify({ publicKey, results }))
  } catch {
    // Without storage the results last until the next page load.
  }
}

/** Forgets the results (the user disconnected). */
export function clearResults(storage: ResultsStorage | undefined): void {
  try {
    storage?.removeItem(resultsStorageKey)
  } catch {
    // Nothing to forget.
  }
}

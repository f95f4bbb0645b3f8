/** How many answered request nonces a wallet remembers to refuse replays. */
export const maxAnsweredNonces = 4096

/** The nonces of answered requests, so reopening a link (the back button, a replayed URL) signs nothing twice. */
export type AnsweredNonces = {
  has(nonce: string): boolean
  /** Remembers `nonce`; past `capacity`, the oldest one is forgotten. */
  add(nonce: string): void
  readonly size: number
}

/** A bounded memory of answered nonces, oldest forgotten first. */
export function createAnsweredNonces(capacity = maxAnsweredNonces): AnsweredNonces {
  const nonces = new Set<string>()
  return {
    has: (nonce) => nonces.has(nonce),
    add(nonce) {
      // A Set iterates in insertion order, so the first entry is the oldest.
      if (nonces.size >= capacity) nonces.delete(nonces.values().next().value!)
      nonces.add(nonce)
    },
    get size() {
      return nonces.size
    },
  }
}

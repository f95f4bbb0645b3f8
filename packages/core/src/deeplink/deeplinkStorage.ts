/** The synchronous Web Storage subset dapplink needs; `sessionStorage`, `localStorage` or your own. */
export type DeeplinkStorage = {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** An in-memory {@link DeeplinkStorage}: state lives as long as the object (tests, SSR, native shells). */
export function createMemoryStorage(): DeeplinkStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, String(value))
    },
    removeItem: (key) => {
      items.delete(key)
    },
  }
}

/**
 * The browser's `sessionStorage` when it is usable (per tab, survives the wallet round trip's reload),
 * otherwise a fresh memory storage. Called lazily, never at import time.
 */
export function getDefaultStorage(): DeeplinkStorage {
  try {
    // Reading sessionStorage throws in sandboxed iframes and some privacy modes.
    const storage = (globalThis as { sessionStorage?: DeeplinkStorage }).sessionStorage
    if (storage) {
      const probe = '__dapplink_probe__'
      storage.setItem(probe, probe)
      storage.removeItem(probe)
      return storage
    }
  } catch {
    // fall through to memory
  }
  return createMemoryStorage()
}

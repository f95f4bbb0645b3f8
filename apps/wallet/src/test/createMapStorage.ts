import type { KeyValueStorage } from '../storage/keyValueStorage.js'

/** An in-memory Web Storage stand-in for tests. */
export function createMapStorage(): KeyValueStorage & { size(): number } {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, String(value))
    },
    removeItem: (key) => {
      items.delete(key)
    },
    get length() {
      return items.size
    },
    key: (index) => [...items.keys()][index] ?? null,
    size: () => items.size,
  }
}

import type { IKVStore } from '@metamask/mobile-wallet-protocol-core'

/**
 * MetaMask's key-value store interface in memory: MetaMask's session store and transport persist
 * through it (client id, nonces, sessions); in memory, they end with the process or page.
 */
export function createMemoryKvStore(): IKVStore & { size(): number } {
  const values = new Map<string, string>()
  return {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => {
      values.set(key, value)
    },
    delete: async (key) => {
      values.delete(key)
    },
    size: () => values.size,
  }
}

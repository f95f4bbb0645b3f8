import { readRpcResult } from './multichainApi.js'

// What a wallet `message` payload (`{ name: <stream>, data: <JSON-RPC> }`) carries, read without trusting it.

/** An answer to request `id`, a notification, or nothing the dapp uses. */
export type WalletPayload =
  | { kind: 'answer'; id: number; outcome: { result: unknown } | { error: Error } }
  | { kind: 'notification'; stream: string; method: string; params: unknown }
  | { kind: 'ignored' }

/** Reads a decrypted `message` payload; a JSON-RPC error becomes its typed error in `outcome`. Pure. */
export function readWalletPayload(payload: unknown): WalletPayload {
  const { name, data } = (payload ?? {}) as { name?: unknown; data?: Record<string, unknown> | null }
  if (typeof name !== 'string' || typeof data !== 'object' || data === null) return { kind: 'ignored' }
  if (typeof data.id === 'number' && ('result' in data || 'error' in data)) {
    try {
      return { kind: 'answer', id: data.id, outcome: { result: readRpcResult(data) } }
    } catch (error) {
      return { kind: 'answer', id: data.id, outcome: { error: error as Error } }
    }
  }
  if (typeof data.method === 'string')
    return { kind: 'notification', stream: name, method: data.method, params: data.params }
  return { kind: 'ignored' }
}

import { decodeBase58 } from '../crypto/base58.js'
import type { Cluster } from '../deeplink/cluster.js'
import { InvalidResponseError } from '../errors/deeplink.js'
import { createWalletRpcError } from '../errors/walletRpc.js'
import { base64ToBytes, bytesToBase64 } from './base64.js'

// The Multichain API (CAIP-25) as MetaMask Mobile answers it over MWP: requests travel as
// `{ name: 'metamask-multichain-provider', data: <JSON-RPC 2.0> }`; Solana methods go through
// `wallet_invokeMethod` with the result shapes of MetaMask's Solana snap (docs/metamask.md).

/** The stream name of Multichain API messages. */
export const multichainStreamName = 'metamask-multichain-provider'

/** CAIP-2 ids of the Solana clusters, as MetaMask names them. */
export const solanaScopes = {
  'mainnet-beta': 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp',
  devnet: 'solana:EtWTRABZaYq6iMfeYKouRu166VU2xqa1',
  testnet: 'solana:4uhcVJyU9pJkvQyS88uRDiswHXSCkY3z',
} as const satisfies Record<Cluster, string>

/** A JSON-RPC 2.0 request. */
export type JsonRpcRequest = { jsonrpc: '2.0'; id: number; method: string; params?: unknown }

/** The session the wallet granted: per CAIP-2 scope, its CAIP-10 accounts. */
export type SessionScopes = Record<
  string,
  { accounts: string[]; methods?: string[]; notifications?: string[] }
>

/** The EVM methods asked for when the dapp wants an EIP-1193 provider. */
export const evmMethods = [
  'personal_sign',
  'eth_signTypedData_v4',
  'eth_sendTransaction',
  'eth_accounts',
  'eth_chainId',
]

/** `wallet_createSession` params for Solana (and EVM chains, if any), with account-change notifications. */
export function createSessionParams(cluster: Cluster, evmChainIds: readonly number[] = []) {
  const optionalScopes: Record<string, { methods: string[]; notifications: string[]; accounts: string[] }> = {
    [solanaScopes[cluster]]: { methods: [], notifications: [], accounts: [] },
  }
  for (const chainId of evmChainIds)
    optionalScopes[`eip155:${chainId}`] = { methods: evmMethods, notifications: [], accounts: [] }
  return { optionalScopes, sessionProperties: { solana_accountChanged_notifications: true } }
}

/** Reads `sessionScopes` out of a `wallet_createSession` / `wallet_getSession` / `wallet_sessionChanged` result. */
export function readSessionScopes(result: unknown): SessionScopes {
  const scopes = (result as { sessionScopes?: unknown } | null)?.sessionScopes
  if (typeof scopes !== 'object' || scopes === null || Array.isArray(scopes))
    throw new InvalidResponseError('The wallet session has no sessionScopes object.')
  const clean: SessionScopes = {}
  for (const [scope, value] of Object.entries(scopes)) {
    const accounts = (value as { accounts?: unknown } | null)?.accounts
    clean[scope] = {
      accounts: Array.isArray(accounts) ? accounts.filter((a): a is string => typeof a === 'string') : [],
    }
  }
  return clean
}

/** The addresses of one scope (the part after `<scope>:`), in the wallet's order. */
export function scopeAddresses(scopes: SessionScopes, scope: string): string[] {
  const prefix = `${scope}:`
  return (scopes[scope]?.accounts ?? [])
    .filter((a) => a.startsWith(prefix))
    .map((a) => a.slice(prefix.length))
}

/** The `wallet_invokeMethod` params of a Solana method. */
export function invokeSolana(scope: string, method: string, params: Record<string, unknown>) {
  return { scope, request: { method, params } }
}

/** `signMessage` params. */
export const signMessageParams = (address: string, message: Uint8Array) => ({
  message: bytesToBase64(message),
  account: { address },
})

/** `signTransaction` / `signAndSendTransaction` params. */
export const transactionParams = (
  scope: string,
  address: string,
  transaction: Uint8Array,
  options?: Record<string, unknown>,
) => ({
  account: { address },
  transaction: bytesToBase64(transaction),
  scope,
  ...(options ? { options } : {}),
})

/** The 64-byte signature of a `signMessage` / `signIn` result (`{ signature: base58, signedMessage, ... }`). */
export function readSignature(result: unknown): Uint8Array {
  const signature = (result as { signature?: unknown } | null)?.signature
  const bytes = decodeOrUndefined(() => decodeBase58(signature))
  if (bytes?.length !== 64)
    throw new InvalidResponseError('The wallet answered without a 64-byte base58 signature.')
  return bytes
}

/** The signed transaction of a `signTransaction` result. It may be recompiled, not the bytes sent plus a signature. */
export function readSignedTransaction(result: unknown): Uint8Array {
  const encoded = (result as { signedTransaction?: unknown } | null)?.signedTransaction
  const bytes = typeof encoded === 'string' ? decodeOrUndefined(() => base64ToBytes(encoded)) : undefined
  if (!bytes || bytes.length === 0)
    throw new InvalidResponseError('The wallet answered without a base64 signedTransaction.')
  return bytes
}

/** The base58 signature of a `signAndSendTransaction` result, checked to decode to 64 bytes. */
export function readTransactionSignature(result: unknown): string {
  readSignature(result)
  return (result as { signature: string }).signature
}

/**
 * Turns a JSON-RPC response into its result, or throws the typed error of its `error` (also the nested
 * `result.error` MetaMask's Multichain API may send).
 */
export function readRpcResult(response: { result?: unknown; error?: unknown }): unknown {
  const nested = (response.result as { error?: unknown } | null | undefined)?.error
  const error = response.error ?? (isRpcError(nested) ? nested : undefined)
  if (error !== undefined) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
    throw createWalletRpcError(
      typeof code === 'number' ? code : -32603,
      typeof message === 'string' ? message : undefined,
    )
  }
  return response.result
}

function isRpcError(value: unknown): boolean {
  return typeof (value as { code?: unknown } | null)?.code === 'number'
}

function decodeOrUndefined(decode: () => Uint8Array): Uint8Array | undefined {
  try {
    return decode()
  } catch {
    return undefined
  }
}

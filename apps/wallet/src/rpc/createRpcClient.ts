import { encodeBase64 } from '../encoding/base64.js'
import { RpcError, TransactionFailedError } from '../errors/WalletAppError.js'

export type CreateRpcClientParameters = {
  /** The cluster's JSON-RPC URL (the local cluster, devnet, ...). */
  url: string
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch | undefined
  /** Per-call HTTP timeout. Default 15 s. */
  timeoutMs?: number | undefined
  /** Waits between status polls; injected for tests. */
  sleep?: ((ms: number) => Promise<void>) | undefined
}

export type ConfirmOptions = {
  /** Give up waiting after this long. Default 30 s. */
  timeoutMs?: number | undefined
  /** Poll interval. Default 500 ms. */
  intervalMs?: number | undefined
}

/** The outcome of waiting for a sent transaction. */
export type ConfirmationStatus = 'processed' | 'confirmed' | 'finalized' | 'timeout'

/** The few Solana JSON-RPC calls the reference wallet makes, over plain fetch. */
export type RpcClient = {
  readonly url: string
  /** The account's balance in lamports. */
  getBalance(publicKey: string): Promise<bigint>
  /** Asks the cluster for lamports (local clusters, devnet, testnet); resolves with the airdrop signature. */
  requestAirdrop(publicKey: string, lamports: bigint): Promise<string>
  /** Sends a signed transaction (base64) and resolves with its signature. */
  sendTransaction(
    signedTransaction: Uint8Array,
    sendOptions?: Record<string, unknown> | undefined,
  ): Promise<string>
  /**
   * Polls `getSignatureStatuses` until the transaction is confirmed or the timeout passes (bounded). Throws
   * `TransactionFailedError` when it landed with an error.
   */
  confirmTransaction(signature: string, options?: ConfirmOptions): Promise<ConfirmationStatus>
}

// sendTransaction config fields a dapp may pass (Solana's SendOptions); anything else is dropped.
const sendOptionKeys = ['skipPreflight', 'preflightCommitment', 'maxRetries', 'minContextSlot'] as const

/**
 * Creates a JSON-RPC client for one cluster URL.
 *
 * @example
 * const rpc = createRpcClient({ url: 'http://127.0.0.1:8899' })
 * const signature = await rpc.sendTransaction(signed)
 * await rpc.confirmTransaction(signature)
 */
export function createRpcClient(parameters: CreateRpcClientParameters): RpcClient {
  const { url } = parameters
  const fetchImpl = parameters.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args))
  const timeoutMs = parameters.timeoutMs ?? 15_000
  const sleep = parameters.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(parsed.protocol)
  } catch (cause) {
    throw new RpcError(`The RPC URL "${url}" is not an http(s) URL.`, {
      details: 'Set it in the settings, e.g. http://127.0.0.1:8899 or https://api.devnet.solana.com.',
      cause,
    })
  }
  let nextId = 1

  async function call<result>(method: string, params: unknown[]): Promise<result> {
    let response: Response
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (cause) {
      throw new RpcError(`The RPC node at ${url} did not answer ${method}.`, {
        details: 'Check the RPC URL in the settings and that the cluster is running.',
        cause,
      })
    }
    let body: unknown
    try {
      body = await response.json()
    } catch (cause) {
      throw new RpcError(`The RPC node answered ${method} with HTTP ${response.status} and no JSON.`, {
        cause,
      })
    }
    const { result, error } = (body ?? {}) as {
      result?: unknown
      error?: { code?: unknown; message?: unknown }
    }
    if (error !== undefined) {
      const message = typeof error?.message === 'string' ? error.message : 'unknown error'
      throw new RpcError(`The RPC node refused ${method}: ${message}`, {
        code: typeof error?.code === 'number' ? error.code : undefined,
      })
    }
    if (!response.ok || result === undefined)
      throw new RpcError(`The RPC node answered ${method} with HTTP ${response.status} and no result.`)
    return result as result
  }

  return {
    url,
    async getBalance(publicKey) {
      const result = await call<{ value?: unknown }>('getBalance', [publicKey, { commitment: 'confirmed' }])
      if (typeof result?.value !== 'number' || !Number.isSafeInteger(result.value) || result.value < 0)
        throw new RpcError('The RPC node answered getBalance without a lamport count.')
      return BigInt(result.value)
    },
    async requestAirdrop(publicKey, lamports) {
      const signature = await call<unknown>('requestAirdrop', [publicKey, Number(lamports)])
      if (typeof signature !== 'string')
        throw new RpcError('The RPC node answered requestAirdrop without a signature.')
      return signature
    },
    async sendTransaction(signedTransaction, sendOptions) {
      const config: Record<string, unknown> = { encoding: 'base64' }
      for (const key of sendOptionKeys) if (sendOptions?.[key] !== undefined) config[key] = sendOptions[key]
      const signature = await call<unknown>('sendTransaction', [encodeBase64(signedTransaction), config])
      if (typeof signature !== 'string')
        throw new RpcError('The RPC node answered sendTransaction without a signature.')
      return signature
    },
    async confirmTransaction(signature, options = {}) {
      const { timeoutMs: confirmTimeoutMs = 30_000, intervalMs = 500 } = options
      const attempts = Math.max(1, Math.ceil(confirmTimeoutMs / intervalMs))
      for (let attempt = 0; attempt < attempts; attempt++) {
        const result = await call<{ value?: unknown }>('getSignatureStatuses', [
          [signature],
          { searchTransactionHistory: true },
        ])
        const status = Array.isArray(result?.value)
          ? (result.value[0] as Record<string, unknown> | null)
          : null
        if (status) {
          if (status['err'] !== null && status['err'] !== undefined)
            throw new TransactionFailedError('The transaction landed but failed.', {
              details: JSON.stringify(status['err']),
              code: -32003,
            })
          const level = status['confirmationStatus']
          if (level === 'confirmed' || level === 'finalized') return level
        }
        await sleep(intervalMs)
      }
      return 'timeout'
    },
  }
}

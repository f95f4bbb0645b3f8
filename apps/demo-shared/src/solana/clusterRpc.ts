/** Thrown when the local cluster cannot be reached or answers with an error. */
export class ClusterRpcError extends Error {
  override name = 'ClusterRpcError'
  readonly shortMessage: string
  constructor(shortMessage: string, options?: { cause?: unknown }) {
    super(shortMessage, options)
    this.shortMessage = shortMessage
  }
}

/** What the demo reads from and asks of the cluster (plain JSON-RPC over fetch, no websocket). */
export type ClusterRpc = {
  readonly url: string
  getBalance(address: string): Promise<number>
  getLatestBlockhash(): Promise<string>
  requestAirdrop(address: string, lamports: number): Promise<string>
  /** The signature's status, or null while the cluster does not know it. */
  getSignatureStatus(signature: string): Promise<{ err: unknown; confirmationStatus: string | null } | null>
  /** Polls until the transaction landed; rejects when it failed or after `timeoutMs`. */
  waitForSignature(signature: string, options?: { timeoutMs?: number; intervalMs?: number }): Promise<void>
}

type Fetch = (input: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>

/** A JSON-RPC client for the local cluster (`fetch` injectable for tests). */
export function createClusterRpc(url: string, fetchFn: Fetch = (...args) => fetch(...args)): ClusterRpc {
  let nextId = 1
  async function call<T>(method: string, params: unknown[]): Promise<T> {
    let response: Awaited<ReturnType<Fetch>>
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      })
    } catch (cause) {
      throw new ClusterRpcError(`The local cluster at ${url} cannot be reached; is it running?`, { cause })
    }
    if (!response.ok)
      throw new ClusterRpcError(`The local cluster answered ${method} with HTTP ${response.status}.`)
    const body = (await response.json()) as { result?: T; error?: { message?: string } }
    if (body.error)
      throw new ClusterRpcError(`${method} failed on the cluster: ${body.error.message ?? 'unknown'}`)
    return body.result as T
  }

  const rpc: ClusterRpc = {
    url,
    async getBalance(address) {
      return (await call<{ value: number }>('getBalance', [address, { commitment: 'confirmed' }])).value
    },
    async getLatestBlockhash() {
      const result = await call<{ value: { blockhash: string } }>('getLatestBlockhash', [
        { commitment: 'confirmed' },
      ])
      return result.value.blockhash
    },
    requestAirdrop: (address, lamports) => call<string>('requestAirdrop', [address, lamports]),
    async getSignatureStatus(signature) {
      const result = await call<{ value: ({ err: unknown; confirmationStatus: string | null } | null)[] }>(
        'getSignatureStatuses',
        [[signature], { searchTransactionHistory: true }],
      )
      return result.value[0] ?? null
    },
    async waitForSignature(signature, { timeoutMs = 30_000, intervalMs = 300 } = {}) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const status = await rpc.getSignatureStatus(signature)
        if (status?.err) throw new ClusterRpcError(`The transaction failed: ${JSON.stringify(status.err)}`)
        if (status?.confirmationStatus === 'confirmed' || status?.confirmationStatus === 'finalized') return
        if (Date.now() >= deadline)
          throw new ClusterRpcError(`The transaction did not land within ${timeoutMs / 1000} s.`)
        await new Promise((resolve) => setTimeout(resolve, intervalMs))
      }
    },
  }
  return rpc
}

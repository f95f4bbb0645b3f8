import { TransactionSendError } from '../errors/client.js'
import type { SendOptions } from './walletTransport.js'

/** Sends signed wire bytes and resolves with the base58 transaction signature once it is confirmed. */
export type SendSignedTransaction = (
  signed: Uint8Array,
  sendOptions: SendOptions | undefined,
) => Promise<string>

export type CreateRpcSenderParameters = {
  /** The dapp's Solana JSON-RPC endpoint, e.g. `https://api.mainnet-beta.solana.com`. */
  rpcUrl: string
  /** How long to wait for `confirmed`. Default 60 s. */
  confirmTimeoutMs?: number | undefined
  /** Time between two status polls. Default 500 ms. */
  pollIntervalMs?: number | undefined
  /** Waits `ms` (injected so tests run on fake timers). Default `setTimeout`. */
  sleep?: ((ms: number) => Promise<void>) | undefined
  /** Clock in milliseconds. Default `Date.now`. */
  now?: (() => number) | undefined
  fetch?: typeof globalThis.fetch | undefined
}

/**
 * The documented path where a wallet deprecates its signAndSendTransaction deeplink (Phantom): the
 * wallet signs, the dapp sends through its own RPC endpoint (`sendTransaction`) and waits until
 * `getSignatureStatuses` reports it `confirmed` (or `finalized`).
 *
 * @throws {TransactionSendError} when the node refuses it, the transaction fails, or it does not confirm in time.
 */
export function createRpcSender(parameters: CreateRpcSenderParameters): SendSignedTransaction {
  const { rpcUrl, confirmTimeoutMs = 60_000, pollIntervalMs = 500 } = parameters
  const sleep = parameters.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const now = parameters.now ?? Date.now

  async function call<result>(method: string, params: unknown[]): Promise<result> {
    let body: { result?: result; error?: { message?: string } }
    try {
      const response = await (parameters.fetch ?? globalThis.fetch)(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      })
      body = (await response.json()) as typeof body
    } catch (cause) {
      throw new TransactionSendError(`The RPC endpoint did not answer ${method}.`, { details: rpcUrl, cause })
    }
    if (body.error || !('result' in body))
      throw new TransactionSendError(`The RPC endpoint refused ${method}.`, {
        details: String(body.error?.message ?? 'No result.').slice(0, 500),
      })
    return body.result as result
  }

  return async (signed, sendOptions) => {
    const { skipPreflight, preflightCommitment, maxRetries, minContextSlot } = sendOptions ?? {}
    const signature = await call<string>('sendTransaction', [
      base64(signed),
      { encoding: 'base64', skipPreflight, preflightCommitment, maxRetries, minContextSlot },
    ])
    const deadline = now() + confirmTimeoutMs
    for (;;) {
      const { value } = await call<{ value: ({ err: unknown; confirmationStatus?: string } | null)[] }>(
        'getSignatureStatuses',
        [[signature]],
      )
      const status = value[0]
      if (status?.err)
        throw new TransactionSendError('The transaction failed on the cluster.', {
          details: `${signature}: ${JSON.stringify(status.err).slice(0, 300)}`,
        })
      if (status?.confirmationStatus === 'confirmed' || status?.confirmationStatus === 'finalized')
        return signature
      if (now() >= deadline)
        throw new TransactionSendError(`The transaction was not confirmed within ${confirmTimeoutMs} ms.`, {
          details: `${signature}: it may still land; check it before sending again.`,
        })
      await sleep(pollIntervalMs)
    }
  }
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

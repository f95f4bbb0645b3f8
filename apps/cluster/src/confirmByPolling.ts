import { ConfirmationTimeoutError } from './errors/ConfirmationTimeoutError.js'

/** A signature status as `getSignatureStatuses` reports it. */
export type SignatureStatus = {
  slot: number
  confirmations: number | null
  err: unknown
  confirmationStatus?: 'processed' | 'confirmed' | 'finalized' | undefined
}

/** The part of web3.js v1 `Connection` that `confirmByPolling` uses. */
export type SignatureStatusSource = {
  getSignatureStatuses(
    signatures: string[],
    config?: { searchTransactionHistory: boolean },
  ): Promise<{ value: (SignatureStatus | null)[] }>
}

export type ConfirmByPollingOptions = {
  /** Give up after this long. Default 30 s. */
  timeoutMs?: number | undefined
  /** Pause between polls. Default 250 ms. */
  intervalMs?: number | undefined
  /** The commitment to wait for. Default `confirmed`. */
  commitment?: 'processed' | 'confirmed' | 'finalized' | undefined
  signal?: AbortSignal | undefined
}

const commitmentRank = { processed: 0, confirmed: 1, finalized: 2 } as const

/**
 * Waits for a transaction by polling `getSignatureStatuses`, for endpoints without websockets
 * (web3.js `confirmTransaction` subscribes over one). Resolves with the status; a failed
 * transaction resolves too, with `status.err` set. Throws `ConfirmationTimeoutError` on timeout.
 *
 * @example
 * const signature = await connection.sendRawTransaction(tx.serialize())
 * const status = await confirmByPolling(connection, signature, { timeoutMs: 10_000 })
 * if (status.err) throw new Error(`transfer failed: ${JSON.stringify(status.err)}`)
 */
export async function confirmByPolling(
  connection: SignatureStatusSource,
  signature: string,
  options: ConfirmByPollingOptions = {},
): Promise<SignatureStatus> {
  const timeoutMs = options.timeoutMs ?? 30_000
  const intervalMs = options.intervalMs ?? 250
  const wanted = commitmentRank[options.commitment ?? 'confirmed']
  const deadline = Date.now() + timeoutMs
  for (;;) {
    options.signal?.throwIfAborted()
    const { value } = await connection.getSignatureStatuses([signature], { searchTransactionHistory: true })
    const status = value[0]
    // `confirmations: null` means rooted, i.e. finalized.
    const reached = status
      ? status.confirmationStatus
        ? commitmentRank[status.confirmationStatus]
        : status.confirmations === null
          ? commitmentRank.finalized
          : commitmentRank.processed
      : -1
    if (status && (reached >= wanted || status.err)) return status
    const remaining = deadline - Date.now()
    if (remaining <= 0) throw new ConfirmationTimeoutError(signature, timeoutMs)
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, remaining)))
  }
}

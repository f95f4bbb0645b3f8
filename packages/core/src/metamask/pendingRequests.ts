import { RequestAbortedError, RequestTimeoutError } from '../errors/relay.js'
import type { TimeProvider } from './timers.js'

// JSON-RPC requests waiting for the wallet, by id. An answer to an id no longer here (timed out, aborted,
// closed: the dapp gave up) is dropped by the caller.

type Pending = { resolve(value: unknown): void; reject(error: Error): void; cleanup(): void; method: string }

/** Options of one request. */
export type RequestOptions = { timeoutMs?: number | undefined; signal?: AbortSignal | undefined }

/** The table of pending requests. */
export type PendingRequests = {
  /** Registers request `id`; the promise settles with its answer, a timeout, an abort or `rejectAll`. */
  add(
    id: number,
    method: string,
    options: RequestOptions,
    onTimeout: (method: string) => void,
  ): Promise<unknown>
  /** Settles request `id` with `settle`'s outcome; false when no such request waits (a late answer). */
  settle(id: number, outcome: { result: unknown } | { error: Error }): boolean
  rejectAll(error: Error): void
  readonly size: number
}

/** Creates the table; its timers come from `time`. */
export function createPendingRequests(time: TimeProvider, defaultTimeoutMs: number): PendingRequests {
  const pending = new Map<number, Pending>()
  return {
    get size() {
      return pending.size
    },
    add(id, method, { timeoutMs = defaultTimeoutMs, signal }, onTimeout) {
      if (signal?.aborted)
        return Promise.reject(
          new RequestAbortedError(`The ${method} request was aborted before it was sent.`),
        )
      return new Promise((resolve, reject) => {
        const abort = () => {
          pending.get(id)?.cleanup()
          pending.delete(id)
          reject(
            new RequestAbortedError(`The ${method} request was aborted; the wallet may still act on it.`),
          )
        }
        const timer = time.setTimeout(() => {
          pending.get(id)?.cleanup()
          pending.delete(id)
          reject(new RequestTimeoutError(`The wallet did not answer ${method} within ${timeoutMs} ms.`))
          onTimeout(method)
        }, timeoutMs)
        signal?.addEventListener('abort', abort, { once: true })
        const cleanup = () => {
          time.clearTimeout(timer)
          signal?.removeEventListener('abort', abort)
        }
        pending.set(id, { resolve, reject, cleanup, method })
      })
    },
    settle(id, outcome) {
      const entry = pending.get(id)
      if (!entry) return false
      pending.delete(id)
      entry.cleanup()
      if ('error' in outcome) entry.reject(outcome.error)
      else entry.resolve(outcome.result)
      return true
    },
    rejectAll(error) {
      const entries = [...pending.values()]
      pending.clear()
      for (const entry of entries) {
        entry.cleanup()
        entry.reject(error)
      }
    },
  }
}

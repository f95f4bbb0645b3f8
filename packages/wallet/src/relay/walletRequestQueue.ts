import type { JsonRpcId, JsonRpcRequest } from '@dapplink/core/relay'

// The wallet's requests from the dapp, answered one at a time in order (the wallet shows one approval at a
// time). A `cancel` from the dapp drops a queued request or aborts the signal of the one being approved.

type Entry = { request: JsonRpcRequest; controller: AbortController }

export type WalletRequestQueue = {
  /** Queues `request`; `handle` runs after the requests before it, unless it was cancelled meanwhile. */
  enqueue(request: JsonRpcRequest): void
  /** Aborts every waiting or running request with `id`; an unknown id is ignored (returns false). */
  cancel(id: JsonRpcId, reason: unknown): boolean
  /** Aborts every waiting or running request (the session ended). */
  abortAll(reason: unknown): void
}

/**
 * Creates the queue. `handle` answers one request; its signal aborts when the dapp cancels that request.
 *
 * @example
 * const queue = createWalletRequestQueue((request, signal) => answer(request, signal))
 * queue.enqueue(request)
 * queue.cancel(request.id, new RequestCancelledError('The dapp cancelled the request.'))
 */
export function createWalletRequestQueue(
  handle: (request: JsonRpcRequest, signal: AbortSignal) => Promise<void>,
): WalletRequestQueue {
  // Only requests still waiting or running are here, so a hostile dapp's cancels cannot grow it.
  const live = new Set<Entry>()
  let tail: Promise<void> = Promise.resolve()

  async function run(entry: Entry): Promise<void> {
    try {
      // Cancelled while it waited: dropped, never shown nor answered.
      if (!entry.controller.signal.aborted) await handle(entry.request, entry.controller.signal)
    } catch {
      // `handle` answers errors itself; a failure here must not stop the requests behind it.
    } finally {
      live.delete(entry)
    }
  }

  return {
    enqueue(request) {
      const entry = { request, controller: new AbortController() }
      live.add(entry)
      tail = tail.then(() => run(entry))
    },
    cancel(id, reason) {
      let found = false
      for (const entry of live)
        if (entry.request.id === id && !entry.controller.signal.aborted) {
          entry.controller.abort(reason)
          found = true
        }
      return found
    },
    abortAll(reason) {
      for (const entry of live) entry.controller.abort(reason)
    },
  }
}

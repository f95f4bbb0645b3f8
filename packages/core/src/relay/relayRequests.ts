import { InvalidArgumentError } from '../errors/deeplink.js'
import { RequestAbortedError, RequestTimeoutError } from '../errors/relay.js'
import { createWalletRpcError } from '../errors/walletRpc.js'
import type { SessionTimers } from './engine/timers.js'
import type { RelayRequestOptions } from './relaySession.js'
import { maxRequestTimeoutMs } from './requestDeadline.js'
import type { ControlMessage, JsonRpcRequest, JsonRpcResponse, RelayMethod } from './rpc.js'

// The dapp's requests waiting for the wallet, by id (docs/protocol.md section 6). Each carries its deadline
// inside the sealed request; when the dapp gives up (timeout, abort) it seals a `cancel` for it, so the
// wallet drops it or withdraws its approval dialog.

type Pending = { resolve(value: unknown): void; reject(error: unknown): void }

export type RelayRequestsParameters = {
  /** Seals a message for the wallet (the session engine's `send`). */
  send(message: JsonRpcRequest | ControlMessage): Promise<number>
  /** The dapp's clock (ms since the epoch) and timers. */
  timers: SessionTimers
  /** The session's default timeout of one request. */
  requestTimeoutMs: number
  /** Called after each request was sealed (pagehide pre-sealing). */
  onSealed?: (() => void) | undefined
}

/** The table of a dapp session's pending requests. */
export type RelayRequests = {
  /** Seals request `method` with its deadline and waits for the answer, a timeout, an abort or `rejectAll`. */
  request(method: RelayMethod, params: unknown, options?: RelayRequestOptions): Promise<unknown>
  /** Settles the request `response` answers; an answer for an id no longer waiting is dropped. */
  onResponse(response: JsonRpcResponse): void
  /** Rejects every pending request (the session ended: no cancel is sent). */
  rejectAll(error: unknown): void
}

/** Throws `InvalidArgumentError` for a timeout the wallet would refuse as a deadline. */
export function assertRequestTimeout(timeoutMs: number, name = 'timeoutMs'): void {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > maxRequestTimeoutMs)
    throw new InvalidArgumentError(
      `${name} is ${timeoutMs}; it must be more than 0 and at most ${maxRequestTimeoutMs} ms (wallets refuse deadlines further ahead).`,
    )
}

/**
 * Creates the table. Request ids count 1, 2, 3... per session.
 *
 * @example
 * const requests = createRelayRequests({ send: engine.send, timers, requestTimeoutMs: 300_000 })
 * const result = await requests.request('signMessage', { message }, { signal })
 */
export function createRelayRequests(parameters: RelayRequestsParameters): RelayRequests {
  const { send, timers } = parameters
  const pending = new Map<number, Pending>()
  let nextId = 1

  function request(
    method: RelayMethod,
    params: unknown,
    options: RelayRequestOptions = {},
  ): Promise<unknown> {
    const { signal } = options
    if (signal?.aborted)
      return Promise.reject(
        new RequestAbortedError(`The "${method}" request was aborted.`, { cause: signal.reason }),
      )
    const timeoutMs = options.timeoutMs ?? parameters.requestTimeoutMs
    try {
      assertRequestTimeout(timeoutMs)
    } catch (error) {
      return Promise.reject(error)
    }
    const id = nextId++
    const deadline = timers.now() + timeoutMs
    return new Promise((resolve, reject) => {
      const settle = () => {
        timers.clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        pending.delete(id)
      }
      // The dapp gave up: tell the wallet, so it does not show or execute the request any more.
      const giveUp = (error: Error) => {
        settle()
        reject(error)
        send({ type: 'cancel', id }).catch(() => {})
      }
      const timer = timers.setTimeout(
        () =>
          giveUp(
            new RequestTimeoutError(`The wallet did not answer "${method}" within ${timeoutMs} ms.`, {
              details:
                'The request was cancelled at the wallet, which refuses it after its deadline. Wake the wallet up and try again.',
            }),
          ),
        timeoutMs,
      )
      const onAbort = () =>
        giveUp(new RequestAbortedError(`The "${method}" request was aborted.`, { cause: signal?.reason }))
      signal?.addEventListener('abort', onAbort, { once: true })
      pending.set(id, {
        resolve(value) {
          settle()
          resolve(value)
        },
        reject(error) {
          settle()
          reject(error)
        },
      })
      send({ jsonrpc: '2.0', id, method, params, deadline })
        .then(() => parameters.onSealed?.())
        .catch((error: unknown) => pending.get(id)?.reject(error))
    })
  }

  return {
    request,
    onResponse(response) {
      const entry = typeof response.id === 'number' ? pending.get(response.id) : undefined
      // An answer to a request that timed out or was aborted is dropped: its caller has moved on.
      if (!entry) return
      if ('error' in response) entry.reject(createWalletRpcError(response.error.code, response.error.message))
      else entry.resolve(response.result)
    },
    rejectAll(error) {
      for (const entry of [...pending.values()]) entry.reject(error)
    },
  }
}

import type { DapplinkError } from '../errors/base.js'
import { NavigationError, RequestCancelledError } from '../errors/deeplink.js'
import { UnauthorizedError } from '../errors/walletRpc.js'
import { addListener, callListener, notifyListeners, type StoreListener } from '../store/createStore.js'
import { assertRequestCanStart } from './assertRequestCanStart.js'
import type { DeeplinkRequest } from './buildRequestUrl.js'
import type {
  CreateDeeplinkClientParameters,
  DeeplinkClient,
  DeeplinkClientResults,
  DeeplinkClientState,
  DeeplinkResponse,
} from './deeplinkClient.js'
import { readDeeplinkClientConfig } from './deeplinkClientConfig.js'
import { deeplinkClientSnapshot } from './deeplinkClientSnapshot.js'
import {
  asAnswerError,
  closedElsewhere,
  currentUrl,
  defaultNavigate,
  expired,
  isRequestExpired,
} from './deeplinkClientSupport.js'
import {
  type ClosedRequestReason,
  createDeeplinkRecords,
  type DeeplinkRecords,
  type PendingRequestRecord,
  type SessionRecord,
} from './deeplinkRecords.js'
import { signAllTransactionsRequest, signMessageRequest } from './deeplinkSigningRequest.js'
import { getDefaultStorage } from './deeplinkStorage.js'
import { matchPendingRequest } from './matchPendingRequest.js'
import { openDeeplinkAnswer } from './openDeeplinkAnswer.js'
import { type DeeplinkRedirect, parseRedirectUrl } from './parseRedirectUrl.js'
import { prepareConnectRequest, prepareEncryptedRequest } from './prepareDeeplinkRequest.js'
import { serializeTransaction } from './serializeTransaction.js'
import type { DeeplinkMethod } from './walletProfile.js'
import type { RequestOptions } from './walletResponse.js'

type Inflight = { id: string; resolve: (result: unknown) => void; reject: (error: unknown) => void }

/**
 * A stateful deeplink client that survives the page reload of a wallet round trip: pending requests and
 * the session live in `storage`, and a new instance given the redirect URL decrypts and delivers the answer.
 *
 * @example
 * const client = createDeeplinkClient({ profile: phantom, appUrl: 'https://dapp.example',
 *   redirectLink: 'https://dapp.example/wallet-return' })
 * client.watchResponse((answer) => console.log(answer.method, answer.context))
 * client.handleRedirect() // on every page load: reads location.href
 * if (client.getState().status === 'disconnected') await client.connect()
 */
export function createDeeplinkClient(parameters: CreateDeeplinkClientParameters): DeeplinkClient {
  const requestConfig = readDeeplinkClientConfig(parameters)
  const { requestTtlMs, now } = requestConfig

  let records: DeeplinkRecords | undefined
  // Storage is resolved on first use so that creating a client during SSR touches nothing.
  const getRecords = () =>
    (records ??= createDeeplinkRecords(
      parameters.storage ?? getDefaultStorage(),
      parameters.storageKey ?? 'dapplink.deeplink',
    ))

  let session: SessionRecord | null = null
  let pending: PendingRequestRecord | null = null
  let inflight: Inflight | null = null
  let lastResponse: DeeplinkResponse | null = null
  let lastError: DapplinkError | null = null
  let state: DeeplinkClientState | undefined
  const listeners = new Set<StoreListener<DeeplinkClientState>>()
  const responseListeners = new Set<(response: DeeplinkResponse) => void>()

  // Storage is the source of truth (another instance or tab may have written it); re-read before each action.
  function sync(): void {
    const store = getRecords()
    session = store.read('session')
    pending = store.read('pending')
    // Another instance on the same storage (a reloaded page, another tab) closed this instance's request.
    if (inflight && pending?.id !== inflight.id)
      settle(inflight.id, closedElsewhere(store.closedReason(inflight.id)))
    publish()
  }

  function publish(): void {
    const previous = state
    state = deeplinkClientSnapshot(previous, session, pending, lastResponse, lastError, requestConfig)
    // A failing listener must not break the client's bookkeeping: the store primitive reports it outside this call.
    if (previous && state !== previous) notifyListeners(listeners, state, previous)
  }

  function fail(error: unknown): DapplinkError {
    lastError = asAnswerError(error)
    publish()
    return lastError
  }

  function settle(id: string, error: unknown, result?: unknown): void {
    if (inflight?.id !== id) return
    const { resolve, reject } = inflight
    inflight = null
    if (error) reject(error)
    else resolve(result)
  }
  /** Drops the pending request and remembers why, so a late or replayed answer is recognised. */
  function close(record: PendingRequestRecord, reason: ClosedRequestReason, error?: DapplinkError): void {
    const store = getRecords()
    store.remove('pending')
    pending = null
    try {
      store.addClosed({ id: record.id, reason })
    } catch {
      // Only replay detection is lost; the pending request is gone either way.
    }
    if (error) settle(record.id, error)
  }

  const cancelPending = () =>
    pending &&
    close(
      pending,
      'cancelled',
      new RequestCancelledError(`The pending ${pending.method} request was cancelled.`),
    )

  const isExpired = (record: PendingRequestRecord) => isRequestExpired(record, now(), requestTtlMs)

  /** Re-reads storage and checks that `method` may start: connected (unless connect), nothing pending. */
  function begin(method: DeeplinkMethod): SessionRecord {
    sync()
    // An expired pending request does not block the new one: it is closed as expired instead.
    assertRequestCanStart(method, session, pending && !isExpired(pending) ? pending : null)
    if (pending) close(pending, 'expired', expired(pending.method))
    return session!
  }

  async function send<method extends DeeplinkMethod>(
    record: PendingRequestRecord,
    url: string,
  ): Promise<DeeplinkClientResults[method]> {
    const store = getRecords()
    store.write('pending', record)
    pending = record
    lastError = null
    const promise = new Promise<DeeplinkClientResults[method]>((resolve, reject) => {
      inflight = { id: record.id, resolve: resolve as (result: unknown) => void, reject }
    })
    publish()
    try {
      await (parameters.navigate ?? defaultNavigate)(url)
    } catch (cause) {
      const error = new NavigationError('Could not open the wallet deeplink; the request was withdrawn.', {
        cause,
      })
      if (pending?.id === record.id) {
        store.remove('pending')
        pending = null
      }
      settle(record.id, error)
      fail(error)
    }
    return promise
  }

  async function sendEncrypted<method extends Exclude<DeeplinkMethod, 'connect'>>(
    request: DeeplinkRequest & { method: method },
    active: SessionRecord,
    options: RequestOptions | undefined,
    transactionCount?: number,
  ): Promise<DeeplinkClientResults[method]> {
    return send<method>(...prepareEncryptedRequest(requestConfig, request, active, options, transactionCount))
  }

  function deliver(redirect: DeeplinkRedirect): DeeplinkResponse | null {
    const store = getRecords()
    const record = matchPendingRequest(pending, redirect.requestId, store.closedReason)
    if (!record) return null
    if (isExpired(record)) {
      const error = expired(record.method)
      close(record, 'expired', error)
      throw error
    }
    // Any answer naming the pending id settles it, whatever it holds: the id is unguessable, so it came
    // through the wallet, and leaving the request pending would only block the next one. A failed
    // addClosed only loses replay detection: a replay then meets UnknownRequestError.
    close(record, 'answered')
    try {
      const [response, connectedSession] = openDeeplinkAnswer(record, redirect, session?.publicKey)
      if (connectedSession) {
        getRecords().write('session', connectedSession)
        session = connectedSession
      }
      settle(record.id, null, response.result)
      return response
    } catch (cause) {
      // The wallet no longer knows this session: every later request would fail the same way.
      if (cause instanceof UnauthorizedError && session) {
        store.remove('session')
        session = null
      }
      const error = fail(cause)
      settle(record.id, error)
      throw error
    }
  }

  return {
    async connect(options) {
      begin('connect')
      return send<'connect'>(...prepareConnectRequest(requestConfig, options))
    },

    async disconnect(options = {}) {
      sync()
      cancelPending()
      const active = session
      getRecords().remove('session')
      session = null
      lastResponse = null
      lastError = null
      publish()
      if (!active || options.notifyWallet === false || !active.profile.methods.includes('disconnect'))
        return null
      return sendEncrypted({ method: 'disconnect' }, active, options)
    },

    async signMessage(message, options = {}) {
      const active = begin('signMessage')
      return sendEncrypted(signMessageRequest(message, options.display), active, options)
    },

    async signTransaction(transaction, options) {
      const active = begin('signTransaction')
      return sendEncrypted(
        { method: 'signTransaction', transaction: serializeTransaction(transaction) },
        active,
        options,
      )
    },

    async signAllTransactions(transactions, options) {
      const active = begin('signAllTransactions')
      const request = signAllTransactionsRequest(transactions)
      return sendEncrypted(request, active, options, request.transactions.length)
    },

    async signAndSendTransaction(transaction, options = {}) {
      const active = begin('signAndSendTransaction')
      const { sendOptions } = options
      const request = {
        method: 'signAndSendTransaction',
        transaction: serializeTransaction(transaction),
        sendOptions,
      } as const
      return sendEncrypted(request, active, options)
    },

    handleRedirect(url = currentUrl()) {
      sync()
      try {
        const redirect = parseRedirectUrl(url, { maxLength: parameters.maxResponseUrlLength })
        if (!redirect) return null
        // Handled from here on, whatever the outcome: a reload must not hand it in again.
        parameters.replaceUrl?.(String(url))
        const response = deliver(redirect)
        if (!response) return null
        lastResponse = response
        lastError = null
        publish()
        for (const listener of [...responseListeners]) callListener(listener, response)
        return response
      } catch (error) {
        throw fail(error)
      }
    },

    cancelPendingRequest() {
      sync()
      if (!pending) return false
      cancelPending()
      publish()
      return true
    },

    clearError() {
      lastError = null
      publish()
    },

    getState() {
      if (!state) sync()
      return state!
    },

    watchState: (listener) => addListener(listeners, listener),

    watchResponse: (listener) => addListener(responseListeners, listener),
  }
}

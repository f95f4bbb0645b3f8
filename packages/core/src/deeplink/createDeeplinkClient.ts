import { constantTimeEqual } from '../crypto/constantTimeEqual.js'
import { DapplinkError } from '../errors/base.js'
import {
  InvalidArgumentError,
  InvalidResponseError,
  NavigationError,
  NotConnectedError,
  RequestCancelledError,
  RequestPendingError,
  UnknownRequestError,
} from '../errors/deeplink.js'
import { UnauthorizedError } from '../errors/walletRpc.js'
import { callListener, notifyListeners, type StoreListener } from '../store/createStore.js'
import { assertAbsoluteUrl } from './buildConnectUrl.js'
import { assertMethodSupported, type DeeplinkRequest } from './buildRequestUrl.js'
import { assertCluster } from './cluster.js'
import type {
  CreateDeeplinkClientParameters,
  DeeplinkClient,
  DeeplinkClientResults,
  DeeplinkClientState,
  DeeplinkResponse,
} from './deeplinkClient.js'
import { defaultRequestTtlMs } from './deeplinkClient.js'
import { deeplinkClientSnapshot } from './deeplinkClientSnapshot.js'
import { currentUrl, defaultNavigate, expired, isRequestExpired, utf8 } from './deeplinkClientSupport.js'
import {
  type ClosedRequestReason,
  createDeeplinkRecords,
  type DeeplinkRecords,
  type PendingRequestRecord,
  type SessionRecord,
} from './deeplinkRecords.js'
import { getDefaultStorage } from './deeplinkStorage.js'
import { openDeeplinkAnswer } from './openDeeplinkAnswer.js'
import { type DeeplinkRedirect, parseRedirectUrl } from './parseRedirectUrl.js'
import {
  type DeeplinkRequestConfig,
  prepareConnectRequest,
  prepareEncryptedRequest,
} from './prepareDeeplinkRequest.js'
import { withRequestId } from './requestId.js'
import { serializeTransaction } from './serializeTransaction.js'
import { type DeeplinkMethod, defineWalletProfile } from './walletProfile.js'
import type { RequestOptions } from './walletResponse.js'

export {
  type ConnectResult,
  type CreateDeeplinkClientParameters,
  type DeeplinkClient,
  type DeeplinkClientResults,
  type DeeplinkClientState,
  type DeeplinkClientStatus,
  type DeeplinkResponse,
  defaultRequestTtlMs,
  type PendingRequestInfo,
} from './deeplinkClient.js'

type Inflight = { id: string; resolve: (result: unknown) => void; reject: (error: unknown) => void }
type Listener = StoreListener<DeeplinkClientState>
type EncryptedMethod = Exclude<DeeplinkMethod, 'connect'>

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
  const { appUrl, redirectLink, cluster, maxUrlLength, maxResponseUrlLength } = parameters
  // Validate up front (pure checks, no I/O) so a misconfigured client fails where it is created.
  const profile = defineWalletProfile(parameters.profile)
  assertAbsoluteUrl(appUrl, 'app URL')
  withRequestId(redirectLink, '11111111')
  assertCluster(cluster)
  const requestTtlMs = parameters.requestTtlMs ?? defaultRequestTtlMs
  const now = parameters.now ?? Date.now
  for (const [name, value] of Object.entries({ maxUrlLength, maxResponseUrlLength, requestTtlMs }))
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw new InvalidArgumentError(`${name} must be a positive number.`)
  const requestConfig: DeeplinkRequestConfig = { profile, appUrl, redirectLink, cluster, maxUrlLength, now }

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
  const listeners = new Set<Listener>()
  const responseListeners = new Set<(response: DeeplinkResponse) => void>()

  // Storage is the source of truth (another instance or tab may have written it); re-read before each action.
  function sync(): void {
    const store = getRecords()
    session = store.read('session')
    pending = store.read('pending')
    // Another instance on the same storage (a reloaded page, another tab) closed this instance's request.
    if (inflight && pending?.id !== inflight.id) {
      const { id } = inflight
      const reason = store.closedReason(id)
      settle(
        id,
        reason === 'expired'
          ? expired()
          : new RequestCancelledError(`The request was ${reason ?? 'abandoned'} in another client instance.`),
      )
    }
    publish()
  }

  function publish(): void {
    const previous = state
    state = deeplinkClientSnapshot(
      previous,
      session,
      pending,
      lastResponse,
      lastError,
      profile.id,
      cluster,
      requestTtlMs,
    )
    // A failing listener must not break the client's bookkeeping: the store primitive reports it outside this call.
    if (previous && state !== previous) notifyListeners(listeners, state, previous)
  }

  function fail(error: unknown): DapplinkError {
    lastError =
      error instanceof DapplinkError
        ? error
        : new InvalidResponseError('The wallet answer could not be read.', { cause: error })
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
    const active = session
    if (method !== 'connect') {
      if (!active) throw new NotConnectedError()
      assertMethodSupported(active.profile, method)
    }
    if (pending) {
      if (!isExpired(pending))
        throw new RequestPendingError(
          `A ${pending.method} request is still waiting for the wallet. Wait, or call cancelPendingRequest().`,
        )
      close(pending, 'expired', expired(pending.method))
    }
    return active!
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

  async function sendEncrypted<method extends EncryptedMethod>(
    request: DeeplinkRequest & { method: method },
    active: SessionRecord,
    options: RequestOptions | undefined,
    transactionCount?: number,
  ): Promise<DeeplinkClientResults[method]> {
    return send<method>(...prepareEncryptedRequest(requestConfig, request, active, options, transactionCount))
  }

  function deliver(redirect: DeeplinkRedirect): DeeplinkResponse | null {
    const store = getRecords()
    const record = pending
    if (!record || !constantTimeEqual(utf8(record.id), utf8(redirect.requestId))) {
      const reason = store.closedReason(redirect.requestId)
      // This storage handled it already: the page was reloaded (or went back) with the answer in its URL.
      if (reason === 'answered') return null
      if (reason === 'expired') throw expired()
      throw new UnknownRequestError('The wallet answered a request this dapp is not waiting for.', {
        details:
          reason === 'cancelled'
            ? 'It was abandoned (cancelPendingRequest or disconnect).'
            : 'It is not pending here: another tab, cleared storage, or a forged link?',
      })
    }
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
      if (typeof message === 'string') message = utf8(message)
      else if (!(message instanceof Uint8Array))
        throw new InvalidArgumentError('The message must be a Uint8Array or a string.')
      return sendEncrypted(
        { method: 'signMessage', message: Uint8Array.from(message), display: options.display },
        active,
        options,
      )
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
      if (!Array.isArray(transactions) || !transactions.length)
        throw new InvalidArgumentError('signAllTransactions needs a non-empty array of transactions.')
      const serialized = transactions.map((transaction, index) =>
        serializeTransaction(transaction, `transaction ${index}`),
      )
      return sendEncrypted(
        { method: 'signAllTransactions', transactions: serialized },
        active,
        options,
        serialized.length,
      )
    },

    async signAndSendTransaction(transaction, options = {}) {
      const active = begin('signAndSendTransaction')
      return sendEncrypted(
        {
          method: 'signAndSendTransaction',
          transaction: serializeTransaction(transaction),
          sendOptions: options.sendOptions,
        },
        active,
        options,
      )
    },

    handleRedirect(url = currentUrl()) {
      sync()
      try {
        const redirect = parseRedirectUrl(url, { maxLength: maxResponseUrlLength })
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

    watchState(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    watchResponse(listener) {
      responseListeners.add(listener)
      return () => {
        responseListeners.delete(listener)
      }
    },
  }
}

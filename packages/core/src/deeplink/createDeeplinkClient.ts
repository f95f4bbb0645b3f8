import { decodeBase58, encodeBase58 } from '../crypto/base58.js'
import { constantTimeEqual } from '../crypto/constantTimeEqual.js'
import { nacl } from '../crypto/nacl.js'
import {
  createEncryptionKeyPair,
  deriveSharedSecret,
  encryptionPublicKeyFromSecretKey,
} from '../crypto/sharedSecret.js'
import { DapplinkError } from '../errors/base.js'
import {
  InvalidArgumentError,
  InvalidResponseError,
  InvalidSignatureError,
  NavigationError,
  NotConnectedError,
  RequestCancelledError,
  RequestExpiredError,
  RequestPendingError,
  UnknownRequestError,
} from '../errors/deeplink.js'
import { UnauthorizedError } from '../errors/walletRpc.js'
import { callListener, notifyListeners, type StoreListener } from '../store/createStore.js'
import { assertAbsoluteUrl, buildConnectUrl } from './buildConnectUrl.js'
import {
  assertMethodSupported,
  buildRequestUrl,
  type DeeplinkRequest,
  type DeeplinkSendOptions,
  type MessageDisplay,
} from './buildRequestUrl.js'
import { assertCluster, type Cluster } from './cluster.js'
import {
  type ClosedRequestReason,
  createDeeplinkRecords,
  type DeeplinkRecords,
  type PendingRequestRecord,
  type SessionRecord,
} from './deeplinkRecords.js'
import { type DeeplinkStorage, getDefaultStorage } from './deeplinkStorage.js'
import { openConnectResponse } from './openConnectResponse.js'
import { type DeeplinkMethodResults, openRequestResponse } from './openRequestResponse.js'
import { type DeeplinkRedirect, parseRedirectUrl } from './parseRedirectUrl.js'
import { createRequestId, withRequestId } from './requestId.js'
import { serializeTransaction, type TransactionInput } from './serializeTransaction.js'
import { type DeeplinkMethod, defineWalletProfile, type WalletProfile } from './walletProfile.js'
import type { JsonValue, RequestOptions, WalletResponse } from './walletResponse.js'

/** Default time a request waits for its answer: 10 minutes. */
export const defaultRequestTtlMs = 10 * 60 * 1000

export type CreateDeeplinkClientParameters = {
  /** The wallet to talk to (`phantom`, `solflare`, `backpack` or your `defineWalletProfile`). */
  profile: WalletProfile
  /** The dapp's URL, shown by the wallet on connect. */
  appUrl: string
  /** The page the wallet sends answers to; dapplink adds `dapplink_id`. No #fragment. */
  redirectLink: string
  cluster?: Cluster | undefined
  /** Where pending requests and the session live. Default: `sessionStorage` in browsers, else memory. */
  storage?: DeeplinkStorage | undefined
  /** Prefix of the storage keys. Default `dapplink.deeplink`; give each client on one storage its own. */
  storageKey?: string | undefined
  /** Opens a deeplink. Default: `window.location.assign(url)`, looked up when first used. */
  navigate?: ((url: string) => void | Promise<void>) | undefined
  /** Refuse deeplinks longer than this. Default 30,000 characters (safe for Android intents). */
  maxUrlLength?: number | undefined
  /** Refuse answer URLs longer than this unread. Default 64,000 characters. */
  maxResponseUrlLength?: number | undefined
  /** How long a request waits for its answer. Default 10 minutes. */
  requestTtlMs?: number | undefined
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  now?: (() => number) | undefined
  /**
   * Called with the answer URL once `handleRedirect` handled it, e.g. `replaceAnswerUrl`
   * (`history.replaceState` when the answer is in the address bar). Optional: a reload re-reads an answer
   * already handled as null anyway; the wallet client always passes `replaceAnswerUrl`.
   */
  replaceUrl?: ((answerUrl: string) => void) | undefined
}

/** What `connect()` resolves with. */
export type ConnectResult = {
  /** The account's public key, base58. */
  publicKey: string
  /** The wallet's session token. */
  session: string
  /**
   * Whether the session token is signed by `publicKey` (reported, not enforced). Not a proof that the
   * wallet approved this connect: any message the account ever signed passes (docs/security.md).
   */
  sessionVerified: boolean
}

/** What each client action resolves with (docs/answers.md). */
export type DeeplinkClientResults = DeeplinkMethodResults & { connect: ConnectResult }

/** An answer delivered by `handleRedirect` (kept as `lastResponse`, and given to `watchResponse` listeners). */
export type DeeplinkResponse = WalletResponse<DeeplinkClientResults>

export type DeeplinkClientStatus = 'disconnected' | 'connecting' | 'connected'

/** A request waiting for the wallet. */
export type PendingRequestInfo = {
  id: string
  method: DeeplinkMethod
  createdAt: number
  expiresAt: number
  context: JsonValue | undefined
}

/** The client's snapshot. A new object on every change, the same object otherwise. */
export type DeeplinkClientState = {
  status: DeeplinkClientStatus
  /** The connected account, base58, or null. */
  publicKey: string | null
  /** The connected (or connecting) wallet's profile id; the client's own profile otherwise. */
  wallet: string
  cluster: Cluster | null
  /** See `ConnectResult.sessionVerified`: a signature check, not a proof. */
  sessionVerified: boolean | null
  pendingRequest: PendingRequestInfo | null
  lastResponse: DeeplinkResponse | null
  lastError: DapplinkError | null
}

export type DeeplinkClient = {
  /** Opens the wallet's connect screen. Resolves when this instance's `handleRedirect` gets the answer. */
  connect(options?: RequestOptions): Promise<ConnectResult>
  /**
   * Forgets the session and any pending request at once; by default also tells the wallet (a deeplink
   * whose empty answer resolves the promise). `{ notifyWallet: false }` stays on the page.
   */
  disconnect(options?: RequestOptions & { notifyWallet?: boolean | undefined }): Promise<null>
  /** Asks the wallet to sign bytes; a string is sent as UTF-8. The answer's signature is verified. */
  signMessage(
    message: Uint8Array | string,
    options?: RequestOptions & { display?: MessageDisplay | undefined },
  ): Promise<DeeplinkClientResults['signMessage']>
  signTransaction(
    transaction: TransactionInput,
    options?: RequestOptions,
  ): Promise<DeeplinkClientResults['signTransaction']>
  signAllTransactions(
    transactions: readonly TransactionInput[],
    options?: RequestOptions,
  ): Promise<DeeplinkClientResults['signAllTransactions']>
  signAndSendTransaction(
    transaction: TransactionInput,
    options?: RequestOptions & { sendOptions?: DeeplinkSendOptions | undefined },
  ): Promise<DeeplinkClientResults['signAndSendTransaction']>
  /**
   * Delivers a wallet's answer (default: the page's URL; call it on page load) and takes it out of the
   * address bar (with `replaceUrl`). Returns null when the URL is not a dapplink answer, or is one this
   * storage already handled (a reload); throws the typed error of a rejected, tampered, unknown or expired one.
   */
  handleRedirect(url?: string | URL): DeeplinkResponse | null
  /** Abandons the pending request (its promise rejects with RequestCancelledError). Returns whether there was one. */
  cancelPendingRequest(): boolean
  /** Forgets `lastError` (a dismissed error banner). */
  clearError(): void
  getState(): DeeplinkClientState
  /** Calls `listener(state, previousState)` on every change; returns the unsubscribe function. */
  watchState(listener: (state: DeeplinkClientState, previousState: DeeplinkClientState) => void): () => void
  /** Calls `listener` with every answer `handleRedirect` delivers; returns the unsubscribe function. */
  watchResponse(listener: (response: DeeplinkResponse) => void): () => void
}

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
    const connecting = pending?.method === 'connect'
    const next: DeeplinkClientState = {
      status: connecting ? 'connecting' : session ? 'connected' : 'disconnected',
      publicKey: session?.publicKey ?? null,
      wallet: (connecting ? pending!.profile.id : session?.profile.id) ?? profile.id,
      cluster: session?.cluster ?? cluster ?? null,
      sessionVerified: session?.sessionVerified ?? null,
      pendingRequest: pending && {
        id: pending.id,
        method: pending.method,
        createdAt: pending.createdAt,
        expiresAt: pending.createdAt + requestTtlMs,
        context: pending.context,
      },
      lastResponse,
      lastError,
    }
    // The same snapshot object until something changes (a pending request is the same while its id is).
    if (
      previous &&
      (Object.keys(next) as (keyof DeeplinkClientState)[]).every((key) =>
        key === 'pendingRequest' ? previous[key]?.id === next[key]?.id : previous[key] === next[key],
      )
    )
      return
    state = next
    // A failing listener must not break the client's bookkeeping: the store primitive reports it outside this call.
    if (previous) notifyListeners(listeners, next, previous)
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

  function isExpired(record: PendingRequestRecord): boolean {
    const age = now() - record.createdAt
    return age > requestTtlMs || age < -60_000 // a clock far behind the record means it cannot be trusted
  }

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
    const id = createRequestId()
    const keys: Partial<SessionRecord> = request.method === 'disconnect' ? {} : active
    const url = buildRequestUrl({
      profile: active.profile,
      request,
      session: active.session,
      sharedSecret: sharedSecretOf(active),
      dappEncryptionPublicKey: encryptionPublicKeyFromSecretKey(storedKey(active.dappSecretKey)),
      redirectLink: withRequestId(redirectLink, id),
      maxUrlLength,
    })
    return send<method>(
      {
        id,
        method: request.method,
        createdAt: now(),
        profile: active.profile,
        cluster: active.cluster,
        dappSecretKey: keys.dappSecretKey,
        walletEncryptionPublicKey: keys.walletEncryptionPublicKey,
        transactionCount,
        context: options?.context,
        // Kept to verify the answer's signature against the session's key.
        message: 'message' in request ? encodeBase58(request.message) : undefined,
      },
      url,
    )
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
      const delivered = open(record, redirect)
      settle(record.id, null, delivered.result)
      return delivered
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

  function open(record: PendingRequestRecord, redirect: DeeplinkRedirect): DeeplinkResponse {
    const { id: requestId, method, profile, cluster, context } = record
    const answer = { method, requestId, wallet: profile.id, context }
    if (method === 'connect') {
      const dappSecretKey = record.dappSecretKey!
      const opened = openConnectResponse({ redirect, profile, dappSecretKey: storedKey(dappSecretKey) })
      const { publicKey, session: token, sessionVerified, walletEncryptionPublicKey } = opened
      const next = {
        profile,
        dappSecretKey,
        walletEncryptionPublicKey,
        session: token,
        publicKey,
        sessionVerified,
        cluster,
      }
      getRecords().write('session', next)
      session = next
      return { ...answer, method, result: { publicKey, session: token, sessionVerified } }
    }
    const result = openRequestResponse({
      redirect,
      method,
      // The wallet answers a disconnect with no data, only possibly an error: there is nothing to open.
      sharedSecret: method === 'disconnect' ? new Uint8Array() : sharedSecretOf(record),
      transactionCount: record.transactionCount,
    })
    // A signature that does not verify is no answer: a wallet bug, or another account than the session's.
    if (
      method === 'signMessage' &&
      !nacl.sign.detached.verify(
        decodeBase58(record.message),
        (result as DeeplinkMethodResults['signMessage']).signature,
        decodeBase58(session?.publicKey, { length: 32 }),
      )
    )
      throw new InvalidSignatureError(
        'The wallet signed the message with another key than the connected one.',
      )
    return { ...answer, result } as DeeplinkResponse
  }

  return {
    async connect(options) {
      begin('connect')
      const keyPair = createEncryptionKeyPair()
      const id = createRequestId()
      const url = buildConnectUrl({
        profile,
        appUrl,
        dappEncryptionPublicKey: keyPair.publicKey,
        redirectLink: withRequestId(redirectLink, id),
        cluster,
        maxUrlLength,
      })
      const dappSecretKey = encodeBase58(keyPair.secretKey)
      return send<'connect'>(
        {
          id,
          method: 'connect',
          createdAt: now(),
          profile,
          dappSecretKey,
          cluster,
          context: options?.context,
        },
        url,
      )
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

function currentUrl(): string {
  return (globalThis as { window?: { location?: { href?: string } } }).window?.location?.href ?? ''
}

function defaultNavigate(url: string): void {
  const location = (globalThis as { window?: { location?: { assign?: (url: string) => void } } }).window
    ?.location
  if (typeof location?.assign !== 'function')
    throw new NavigationError('No window to open the deeplink in; pass navigate (e.g. Linking.openURL).')
  location.assign(url)
}

const utf8 = (text: string) => new TextEncoder().encode(text)

const expired = (method = 'pending') =>
  new RequestExpiredError(`The ${method} request expired before the wallet answered. Send it again.`)

/** Decodes a key kept in storage (validated as base58 when read; the length is checked here). */
const storedKey = (text: string | undefined) => decodeBase58(text, { label: 'stored key', length: 32 })

const sharedSecretOf = (keys: {
  walletEncryptionPublicKey?: string | undefined
  dappSecretKey?: string | undefined
}) => deriveSharedSecret(storedKey(keys.walletEncryptionPublicKey), storedKey(keys.dappSecretKey))

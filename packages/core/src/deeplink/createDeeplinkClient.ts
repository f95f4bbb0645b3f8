import { decodeBase58, encodeBase58 } from '../crypto/base58.js'
import { constantTimeEqual } from '../crypto/constantTimeEqual.js'
import {
  createEncryptionKeyPair,
  deriveSharedSecret,
  encryptionPublicKeyFromSecretKey,
} from '../crypto/sharedSecret.js'
import { DapplinkError } from '../errors/base.js'
import {
  InvalidArgumentError,
  InvalidResponseError,
  NavigationError,
  NotConnectedError,
  ReplayError,
  RequestCancelledError,
  RequestExpiredError,
  RequestPendingError,
  UnknownRequestError,
} from '../errors/deeplink.js'
import { createWalletRpcError, UnauthorizedError } from '../errors/walletRpc.js'
import { assertAbsoluteUrl, buildConnectUrl, defaultMaxUrlLength } from './buildConnectUrl.js'
import {
  assertMethodSupported,
  buildRequestUrl,
  type DeeplinkRequest,
  type DeeplinkSendOptions,
  type MessageDisplay,
} from './buildRequestUrl.js'
import { type Cluster, clusters, isCluster } from './cluster.js'
import {
  createDeeplinkRecords,
  type DeeplinkRecords,
  type PendingRequestRecord,
  type SessionRecord,
} from './deeplinkRecords.js'
import { type DeeplinkStorage, getDefaultStorage } from './deeplinkStorage.js'
import { openConnectResponse } from './openConnectResponse.js'
import { type DeeplinkMethodResults, openRequestResponse } from './openRequestResponse.js'
import { type DeeplinkRedirect, defaultMaxResponseUrlLength, parseRedirectUrl } from './parseRedirectUrl.js'
import { createRequestId, withRequestId } from './requestId.js'
import { serializeTransaction, type TransactionInput } from './serializeTransaction.js'
import { type DeeplinkMethod, defineWalletProfile, type WalletProfile } from './walletProfile.js'

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
}

/** What `connect()` resolves with. */
export type ConnectResult = {
  /** The account's public key, base58. */
  publicKey: string
  /** The wallet's session token. */
  session: string
  /** Whether the session token is signed by `publicKey` (reported, not enforced). */
  sessionVerified: boolean
}

/** What each client action resolves with. */
export type DeeplinkClientResults = DeeplinkMethodResults & { connect: ConnectResult }

/** An answer delivered by `handleRedirect` (and kept as `lastResult`). */
export type DeeplinkResult = {
  [method in DeeplinkMethod]: { method: method; requestId: string; result: DeeplinkClientResults[method] }
}[DeeplinkMethod]

export type DeeplinkClientStatus = 'disconnected' | 'connecting' | 'connected'

/** A request waiting for the wallet. */
export type PendingRequestInfo = { id: string; method: DeeplinkMethod; createdAt: number; expiresAt: number }

/** The client's snapshot. A new object on every change, the same object otherwise. */
export type DeeplinkClientState = {
  status: DeeplinkClientStatus
  /** The connected account, base58, or null. */
  publicKey: string | null
  /** The connected (or connecting) wallet's profile id; the client's own profile otherwise. */
  profileId: string
  cluster: Cluster | null
  sessionVerified: boolean | null
  pendingRequest: PendingRequestInfo | null
  lastResult: DeeplinkResult | null
  lastError: DapplinkError | null
}

export type DeeplinkClient = {
  /** Opens the wallet's connect screen. Resolves when this instance's `handleRedirect` gets the answer. */
  connect(): Promise<ConnectResult>
  /**
   * Forgets the session and any pending request at once; by default also tells the wallet (a deeplink
   * whose empty answer resolves the promise). `{ notifyWallet: false }` stays on the page.
   */
  disconnect(options?: { notifyWallet?: boolean | undefined }): Promise<null>
  /** Asks the wallet to sign bytes; a string is sent as UTF-8. */
  signMessage(
    message: Uint8Array | string,
    display?: MessageDisplay,
  ): Promise<DeeplinkClientResults['signMessage']>
  signTransaction(transaction: TransactionInput): Promise<DeeplinkClientResults['signTransaction']>
  signAllTransactions(
    transactions: readonly TransactionInput[],
  ): Promise<DeeplinkClientResults['signAllTransactions']>
  signAndSendTransaction(
    transaction: TransactionInput,
    sendOptions?: DeeplinkSendOptions,
  ): Promise<DeeplinkClientResults['signAndSendTransaction']>
  /**
   * Delivers a wallet's answer (call it with `location.href` on page load). Returns null when the URL is
   * not a dapplink answer; throws the typed error for a rejected, tampered, unknown or expired one.
   */
  handleRedirect(url: string | URL): DeeplinkResult | null
  /** Abandons the pending request (its promise rejects with RequestCancelledError). Returns whether there was one. */
  cancelPendingRequest(): boolean
  getState(): DeeplinkClientState
  /** Calls `listener(state, previousState)` on every change; returns the unsubscribe function. */
  watchState(listener: (state: DeeplinkClientState, previousState: DeeplinkClientState) => void): () => void
}

type Inflight = { id: string; resolve: (result: unknown) => void; reject: (error: unknown) => void }

/**
 * A stateful deeplink client that survives the page reload of a wallet round trip: pending requests and
 * the session live in `storage`, and a new instance given the redirect URL decrypts and delivers the answer.
 *
 * @example
 * const client = createDeeplinkClient({ profile: phantom, appUrl: 'https://dapp.example',
 *   redirectLink: 'https://dapp.example/wallet-return' })
 * const answer = client.handleRedirect(window.location.href) // on every page load
 * if (client.getState().status === 'disconnected') await client.connect()
 */
export function createDeeplinkClient(parameters: CreateDeeplinkClientParameters): DeeplinkClient {
  const { appUrl, redirectLink, cluster } = parameters
  // Validate up front (pure checks, no I/O) so a misconfigured client fails where it is created.
  const profile = defineWalletProfile(parameters.profile)
  assertAbsoluteUrl(appUrl, 'app URL')
  withRequestId(redirectLink, '11111111')
  const maxUrlLength = parameters.maxUrlLength ?? defaultMaxUrlLength
  const maxResponseUrlLength = parameters.maxResponseUrlLength ?? defaultMaxResponseUrlLength
  const requestTtlMs = parameters.requestTtlMs ?? defaultRequestTtlMs
  const now = parameters.now ?? Date.now
  const storageKey = parameters.storageKey ?? 'dapplink.deeplink'
  if (cluster !== undefined && !isCluster(cluster))
    throw new InvalidArgumentError(`Unknown cluster "${String(cluster)}".`, {
      details: `Use one of ${clusters.join(', ')}.`,
    })
  for (const [name, value] of [
    ['maxUrlLength', maxUrlLength],
    ['maxResponseUrlLength', maxResponseUrlLength],
    ['requestTtlMs', requestTtlMs],
  ] as const)
    if (!Number.isFinite(value) || value <= 0)
      throw new InvalidArgumentError(`${name} must be a positive number.`)

  let records: DeeplinkRecords | undefined
  // Storage is resolved on first use so that creating a client during SSR touches nothing.
  const getRecords = () => {
    records ??= createDeeplinkRecords(parameters.storage ?? getDefaultStorage(), storageKey)
    return records
  }

  let session: SessionRecord | null = null
  let pending: PendingRequestRecord | null = null
  let inflight: Inflight | null = null
  let lastResult: DeeplinkResult | null = null
  let lastError: DapplinkError | null = null
  let state: DeeplinkClientState | undefined
  const listeners = new Set<(state: DeeplinkClientState, previousState: DeeplinkClientState) => void>()

  function deriveState(): DeeplinkClientState {
    return {
      status: pending?.method === 'connect' ? 'connecting' : session ? 'connected' : 'disconnected',
      publicKey: session?.publicKey ?? null,
      profileId: (pending?.method === 'connect' ? pending.profile.id : session?.profile.id) ?? profile.id,
      cluster: session?.cluster ?? cluster ?? null,
      sessionVerified: session?.sessionVerified ?? null,
      pendingRequest: pending
        ? {
            id: pending.id,
            method: pending.method,
            createdAt: pending.createdAt,
            expiresAt: pending.createdAt + requestTtlMs,
          }
        : null,
      lastResult,
      lastError,
    }
  }

  // Storage is the source of truth (another instance or tab may have written it); re-read before each action.
  function sync(): void {
    const store = getRecords()
    session = store.readSession()
    pending = store.readPending()
    if (inflight && pending?.id !== inflight.id) settleFromElsewhere(inflight.id)
    publish()
  }

  // Another instance on the same storage (a reloaded page, another tab) closed this instance's request.
  function settleFromElsewhere(id: string): void {
    const reason = getRecords()
      .readClosed()
      .find((entry) => entry.id === id)?.reason
    const error =
      reason === 'expired'
        ? new RequestExpiredError('The request expired without an answer.')
        : new RequestCancelledError(
            reason === 'answered'
              ? 'The request was answered through another client instance; its result is in that instance.'
              : 'The request was abandoned through another client instance.',
          )
    settleInflight(id, { error })
  }

  function publish(): void {
    const previous = state
    const next = deriveState()
    if (previous && shallowEqualState(previous, next)) return
    state = next
    if (!previous) return
    for (const listener of listeners) {
      try {
        listener(next, previous)
      } catch (error) {
        // A failing listener must not break the client's bookkeeping; report it outside this call.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  function fail(error: DapplinkError): DapplinkError {
    lastError = error
    publish()
    return error
  }

  function settleInflight(id: string, outcome: { result: unknown } | { error: unknown }): void {
    if (!inflight || inflight.id !== id) return
    const { resolve, reject } = inflight
    inflight = null
    if ('result' in outcome) resolve(outcome.result)
    else reject(outcome.error)
  }

  /** Abandons the pending request, remembering its id so a late answer is recognised. */
  function closePending(reason: 'cancelled' | 'expired', error: DapplinkError): void {
    if (!pending) return
    const { id } = pending
    const store = getRecords()
    store.removePending()
    pending = null
    try {
      store.addClosed({ id, reason })
    } catch {
      // Only replay detection is lost; the pending request is gone either way.
    }
    settleInflight(id, { error })
  }

  function isExpired(record: PendingRequestRecord): boolean {
    const age = now() - record.createdAt
    return age > requestTtlMs || age < -60_000 // a clock far behind the record means it cannot be trusted
  }

  function assertNoPending(method: DeeplinkMethod): void {
    if (!pending) return
    if (isExpired(pending)) {
      closePending(
        'expired',
        new RequestExpiredError(`The pending ${pending.method} request expired without an answer.`),
      )
      return
    }
    throw new RequestPendingError(
      `A ${pending.method} request is still waiting for the wallet; ${method} cannot start.`,
      {
        details: 'Wait for the answer (handleRedirect), or call cancelPendingRequest() to abandon it.',
      },
    )
  }

  async function send<method extends DeeplinkMethod>(
    record: PendingRequestRecord,
    url: string,
  ): Promise<DeeplinkClientResults[method]> {
    const store = getRecords()
    store.writePending(record)
    pending = record
    lastError = null
    const promise = new Promise<DeeplinkClientResults[method]>((resolve, reject) => {
      inflight = { id: record.id, resolve: resolve as (result: unknown) => void, reject }
    })
    publish()
    try {
      await (parameters.navigate ?? defaultNavigate)(url)
    } catch (cause) {
      const error = new NavigationError('Could not open the wallet deeplink.', {
        details: 'The navigate function threw. The request was withdrawn; try again.',
        cause,
      })
      if (pending?.id === record.id) {
        store.removePending()
        pending = null
      }
      settleInflight(record.id, { error })
      fail(error)
    }
    return promise
  }

  function requireSession(method: DeeplinkMethod): SessionRecord {
    if (!session) throw new NotConnectedError({ details: `${method} needs a connected wallet.` })
    assertMethodSupported(session.profile, method)
    return session
  }

  async function sendEncrypted<method extends Exclude<DeeplinkMethod, 'connect'>>(
    request: DeeplinkRequest & { method: method },
    active: SessionRecord,
    extra: Partial<PendingRequestRecord> = {},
  ): Promise<DeeplinkClientResults[method]> {
    const id = createRequestId()
    const dappSecretKey = decodeBase58(active.dappSecretKey, { label: 'stored dapp key', length: 32 })
    const walletKey = decodeBase58(active.walletEncryptionPublicKey, {
      label: 'stored wallet key',
      length: 32,
    })
    const dappPublicKey = encryptionPublicKeyFromSecretKey(dappSecretKey)
    const url = buildRequestUrl({
      profile: active.profile,
      request,
      session: active.session,
      sharedSecret: deriveSharedSecret(walletKey, dappSecretKey),
      dappEncryptionPublicKey: dappPublicKey,
      redirectLink: withRequestId(redirectLink, id),
      maxUrlLength,
    })
    const record: PendingRequestRecord = {
      id,
      method: request.method,
      createdAt: now(),
      profile: active.profile,
      cluster: active.cluster,
      ...(request.method === 'disconnect'
        ? {}
        : {
            dappSecretKey: active.dappSecretKey,
            walletEncryptionPublicKey: active.walletEncryptionPublicKey,
          }),
      ...extra,
    }
    return send<method>(record, url)
  }

  function deliver(redirect: DeeplinkRedirect): DeeplinkResult {
    const store = getRecords()
    const record = pending
    if (!record || !constantTimeEqual(utf8(record.id), utf8(redirect.requestId))) {
      const closed = store.readClosed().find((entry) => entry.id === redirect.requestId)
      if (closed?.reason === 'answered')
        throw new ReplayError('This wallet answer was already handled.', {
          details:
            'Each redirect URL is delivered once; a reload or a replayed link brings it back. Ignore it or clean the URL.',
        })
      if (closed?.reason === 'expired')
        throw new RequestExpiredError('The wallet answered a request that had already expired.', {
          details: 'Send the request again.',
        })
      throw new UnknownRequestError('The wallet answered a request this dapp is not waiting for.', {
        details:
          closed?.reason === 'cancelled'
            ? 'The request was abandoned (cancelPendingRequest or disconnect). Send it again if needed.'
            : 'No pending request has this dapplink_id (another tab, cleared storage, or a forged link).',
      })
    }
    if (isExpired(record)) {
      const error = new RequestExpiredError(`The wallet answered the ${record.method} request too late.`, {
        details: `Requests wait ${Math.round(requestTtlMs / 1000)} s for an answer. Send it again.`,
      })
      closePending('expired', error)
      throw error
    }
    // Any answer naming the pending id settles it, whatever it holds: the id is unguessable, so it came
    // through the wallet, and leaving the request pending would only block the next one.
    store.removePending()
    pending = null
    try {
      store.addClosed({ id: record.id, reason: 'answered' })
    } catch {
      // Replay detection is best effort; the pending record is gone, so a replay is UnknownRequestError.
    }
    try {
      const delivered = open(record, redirect)
      settleInflight(record.id, { result: delivered.result })
      return delivered
    } catch (cause) {
      const error =
        cause instanceof DapplinkError
          ? cause
          : new InvalidResponseError('The wallet answer could not be read.', { cause })
      // The wallet no longer knows this session: every later request would fail the same way.
      if (error instanceof UnauthorizedError && session) {
        store.removeSession()
        session = null
      }
      settleInflight(record.id, { error })
      throw error
    }
  }

  function open(record: PendingRequestRecord, redirect: DeeplinkRedirect): DeeplinkResult {
    const requestId = record.id
    if (record.method === 'connect') {
      const opened = openConnectResponse({
        redirect,
        profile: record.profile,
        dappSecretKey: decodeBase58(record.dappSecretKey, { label: 'stored dapp key', length: 32 }),
      })
      const next: SessionRecord = {
        profile: record.profile,
        dappSecretKey: record.dappSecretKey!,
        walletEncryptionPublicKey: opened.walletEncryptionPublicKey,
        session: opened.session,
        publicKey: opened.publicKey,
        sessionVerified: opened.sessionVerified,
        cluster: record.cluster,
      }
      getRecords().writeSession(next)
      session = next
      const result = {
        publicKey: opened.publicKey,
        session: opened.session,
        sessionVerified: opened.sessionVerified,
      }
      return { method: 'connect', requestId, result }
    }
    if (record.method === 'disconnect') {
      // The wallet answers a disconnect with no data, only possibly an error.
      if (redirect.error) throw createWalletRpcError(redirect.error.code, redirect.error.message)
      return { method: 'disconnect', requestId, result: null }
    }
    const sharedSecret = deriveSharedSecret(
      decodeBase58(record.walletEncryptionPublicKey, { label: 'stored wallet key', length: 32 }),
      decodeBase58(record.dappSecretKey, { label: 'stored dapp key', length: 32 }),
    )
    const method = record.method
    const result = openRequestResponse({
      redirect,
      method,
      sharedSecret,
      transactionCount: record.transactionCount,
    })
    return { method, requestId, result } as DeeplinkResult
  }

  return {
    async connect() {
      sync()
      assertNoPending('connect')
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
      return send<'connect'>(
        {
          id,
          method: 'connect',
          createdAt: now(),
          profile,
          dappSecretKey: encodeBase58(keyPair.secretKey),
          cluster,
        },
        url,
      )
    },

    async disconnect(options = {}) {
      sync()
      closePending('cancelled', new RequestCancelledError('The request was abandoned by disconnect().'))
      const active = session
      getRecords().removeSession()
      session = null
      lastResult = null
      publish()
      if (!active || options.notifyWallet === false || !active.profile.methods.includes('disconnect'))
        return null
      return sendEncrypted({ method: 'disconnect' }, active)
    },

    async signMessage(message, display) {
      sync()
      const active = requireSession('signMessage')
      assertNoPending('signMessage')
      let bytes: Uint8Array
      if (typeof message === 'string') bytes = new TextEncoder().encode(message)
      else if (message instanceof Uint8Array) bytes = Uint8Array.from(message)
      else throw new InvalidArgumentError('The message must be a Uint8Array or a string.')
      return sendEncrypted({ method: 'signMessage', message: bytes, display }, active)
    },

    async signTransaction(transaction) {
      sync()
      const active = requireSession('signTransaction')
      assertNoPending('signTransaction')
      return sendEncrypted(
        { method: 'signTransaction', transaction: serializeTransaction(transaction) },
        active,
      )
    },

    async signAllTransactions(transactions) {
      sync()
      const active = requireSession('signAllTransactions')
      assertNoPending('signAllTransactions')
      if (!Array.isArray(transactions) || transactions.length === 0)
        throw new InvalidArgumentError('signAllTransactions needs a non-empty array of transactions.')
      const serialized = transactions.map((transaction, index) =>
        serializeTransaction(transaction, `transaction ${index}`),
      )
      return sendEncrypted({ method: 'signAllTransactions', transactions: serialized }, active, {
        transactionCount: serialized.length,
      })
    },

    async signAndSendTransaction(transaction, sendOptions) {
      sync()
      const active = requireSession('signAndSendTransaction')
      assertNoPending('signAndSendTransaction')
      return sendEncrypted(
        { method: 'signAndSendTransaction', transaction: serializeTransaction(transaction), sendOptions },
        active,
      )
    },

    handleRedirect(url) {
      sync()
      let redirect: DeeplinkRedirect | null
      try {
        redirect = parseRedirectUrl(url, { maxLength: maxResponseUrlLength })
      } catch (error) {
        throw fail(error as DapplinkError)
      }
      if (!redirect) return null
      try {
        const delivered = deliver(redirect)
        lastResult = delivered
        lastError = null
        publish()
        return delivered
      } catch (error) {
        throw fail(
          error instanceof DapplinkError
            ? error
            : new InvalidResponseError('Unreadable answer.', { cause: error }),
        )
      }
    },

    cancelPendingRequest() {
      sync()
      if (!pending) return false
      closePending(
        'cancelled',
        new RequestCancelledError(`The pending ${pending.method} request was cancelled.`),
      )
      publish()
      return true
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
  }
}

function defaultNavigate(url: string): void {
  const location = (globalThis as { window?: { location?: { assign?: (url: string) => void } } }).window
    ?.location
  if (typeof location?.assign !== 'function')
    throw new NavigationError('There is no window to open the deeplink in.', {
      details:
        'Outside a browser, pass navigate to createDeeplinkClient (e.g. Linking.openURL in React Native).',
    })
  location.assign(url)
}

const utf8 = (text: string) => new TextEncoder().encode(text)

function shallowEqualState(a: DeeplinkClientState, b: DeeplinkClientState): boolean {
  return (
    a.status === b.status &&
    a.publicKey === b.publicKey &&
    a.profileId === b.profileId &&
    a.cluster === b.cluster &&
    a.sessionVerified === b.sessionVerified &&
    a.pendingRequest?.id === b.pendingRequest?.id &&
    a.lastResult === b.lastResult &&
    a.lastError === b.lastError
  )
}

import { decodeBase58 } from '../crypto/base58.js'
import { EciesPrivateKey as PrivateKey } from '../crypto/ecies.js'
import { sha256Sync } from '../crypto/sha256Sync.js'
import { serializeTransaction, type TransactionInput } from '../deeplink/serializeTransaction.js'
import type { WalletResults } from '../deeplink/walletResponse.js'
import type { DapplinkError } from '../errors/base.js'
import {
  InvalidResponseError,
  RequestAbortedError,
  RequestTimeoutError,
  type SessionClosedError,
  type SessionCloseReason,
  UnknownMessageError,
  WakeUpUnavailableError,
} from '../errors/relay.js'
import { createWalletRpcError } from '../errors/walletRpc.js'
import { decodeBase64, encodeBase64 } from './base64url.js'
import { utf8 } from './bytes.js'
import { deriveChannelId } from './channelId.js'
import { secretLength, tokenLength } from './constants.js'
import { buildPairingUri } from './pairingUri.js'
import type { RelayTransportFactory, SocketIoOptions } from './relayTransport.js'
import { assertRelayUrl } from './relayUrl.js'
import type { JsonRpcResponse, RelayMethod } from './rpc.js'
import { createSessionEngine, type RelaySessionState, type RelayTimingOptions } from './sessionEngine.js'
import { buildWakeUpLink, buildWalletLink, walletWindowName } from './walletLink.js'
import { randomBytes } from './webCrypto.js'

export type CreateRelaySessionParameters = RelayTimingOptions & {
  /** The relay's socket.io URL, e.g. `wss://relay.example`. */
  relayUrl: string
  /** Sent to the wallet inside the encrypted `connect` request; wallets show it as the dapp's own (unverified) claim. */
  app: { name: string; url: string; icon?: string | undefined }
  /** The Solana cluster to ask for in `connect`. */
  cluster?: string | undefined
  /** A wallet's universal-link base, e.g. `https://wallet.example/dl/`; enables `walletLink` and `wakeUp()`. */
  walletLinkBaseUrl?: string | undefined
  /**
   * Whether the pairing URI repeats `app.name` and `app.url` for wallets to show before the handshake (default
   * true). They are unauthenticated hints, sent again inside the encrypted `connect`; `false` makes the QR
   * code about 60 characters (two QR versions) smaller and easier to scan.
   */
  appInPairingUri?: boolean | undefined
  /** Default timeout of one request (default 300 000 ms: the user approves on the phone). */
  requestTimeoutMs?: number | undefined
  /**
   * Opens the wake-up link. Default: `window.open(url, walletWindowName, 'noopener')`: the wallet tab this page
   * opened under that name when there is one, else a new tab; either way this page (and so the session) stays.
   * On phones a universal link opened this way still hands over to the wallet app.
   * Falls back to `location.assign` only where there is no `window.open`.
   */
  navigate?: ((url: string) => void) | undefined
  /** Options for socket.io-client (`io(url, options)`). */
  socketOptions?: SocketIoOptions | undefined
  /** Replaces the socket.io transport (tests wrap it to inject, drop or reorder relay events). */
  transport?: RelayTransportFactory | undefined
  /** Rejected frames and relay errors, typed (`ReplayError`, `DecryptionError`...). The session goes on. */
  onError?: ((error: DapplinkError) => void) | undefined
}

/** Per-request options. */
export type RelayRequestOptions = {
  /** Aborts waiting for the answer (the wallet may still act on the request). */
  signal?: AbortSignal | undefined
  /** Overrides the session's `requestTimeoutMs` for this request. */
  timeoutMs?: number | undefined
}

/** The dapp side of an end-to-end encrypted relay session. */
export type RelaySession = {
  /** The QR code content (docs/protocol.md section 2). Holds the pairing secret: show it, never log it. */
  readonly pairingUri: string
  /** Opens a wallet app on the same phone with the pairing, when `walletLinkBaseUrl` is set. */
  readonly walletLink: string | undefined
  /** The current state snapshot (the same object until it changes). */
  getState(): RelaySessionState
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  watchState(listener: (state: RelaySessionState, previous: RelaySessionState) => void): () => void
  /** Waits for the handshake, then asks the wallet for its accounts (`publicKey` is the first). */
  connect(options?: RelayRequestOptions): Promise<WalletResults['connect'] & { accounts: string[] }>
  /** Sends one JSON-RPC request (section 6) and resolves with its result. */
  request(method: RelayMethod, params: unknown, options?: RelayRequestOptions): Promise<unknown>
  /** Signs a message (bytes, or a string as UTF-8); resolves with the 64-byte ed25519 signature. */
  signMessage(
    message: Uint8Array | string,
    options?: RelayRequestOptions & { display?: 'utf8' | 'hex' | undefined },
  ): Promise<WalletResults['signMessage']>
  /** Signs a transaction; resolves with the signed wire bytes. */
  signTransaction(
    transaction: TransactionInput,
    options?: RelayRequestOptions,
  ): Promise<WalletResults['signTransaction']>
  /** Signs several transactions; resolves with their signed wire bytes, in order. */
  signAllTransactions(
    transactions: TransactionInput[],
    options?: RelayRequestOptions,
  ): Promise<WalletResults['signAllTransactions']>
  /** Signs and sends a transaction; resolves with its base58 transaction signature. */
  signAndSendTransaction(
    transaction: TransactionInput,
    options?: RelayRequestOptions & { sendOptions?: Record<string, unknown> | undefined },
  ): Promise<WalletResults['signAndSendTransaction']>
  /** Opens the wake-up deeplink so a paused wallet comes back to the foreground. */
  wakeUp(): void
  /** Ends the session (sealed `terminate`, then `leave`). Always resolves, even offline. */
  disconnect(): Promise<void>
}

type Pending = {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  cleanup: () => void
}

/**
 * Opens a relay session for a wallet to pair with: creates the channel and the pairing URI (QR code). Keys
 * stay in memory only; the pairing secret never reaches the relay.
 *
 * @example
 * const session = createRelaySession({ relayUrl: 'wss://relay.example', app: { name: 'My dapp', url: location.origin } })
 * showQrCode(session.pairingUri)
 * session.watchState((state) => render(state.status, state.verificationCode))
 * const { accounts } = await session.connect()
 * const signature = await session.signMessage('Hello')
 */
export function createRelaySession(parameters: CreateRelaySessionParameters): RelaySession {
  assertRelayUrl(parameters.relayUrl)
  const requestTimeoutMs = parameters.requestTimeoutMs ?? 300_000
  const dappToken = randomBytes(tokenLength)
  // Bound to the dapp's token: after a relay restart nobody else can `create` this channel first.
  const channelId = deriveChannelId(sha256Sync(dappToken))
  const secret = randomBytes(secretLength)
  const dappKey = new PrivateKey()
  const dappPublicKey = dappKey.publicKey.toBytes(true)
  const pairingUri = buildPairingUri({
    relayUrl: parameters.relayUrl,
    channelId,
    dappPublicKey,
    secret,
    ...(parameters.appInPairingUri === false ? {} : { name: parameters.app.name, url: parameters.app.url }),
  })
  const walletLink =
    parameters.walletLinkBaseUrl === undefined
      ? undefined
      : buildWalletLink(parameters.walletLinkBaseUrl, pairingUri)

  const pending = new Map<number, Pending>()
  let nextId = 1
  let closedError: SessionClosedError | undefined

  const engine = createSessionEngine({
    ...parameters,
    role: 'dapp',
    channelId,
    secret,
    dappPublicKey,
    dappSecretKey: dappKey.secret,
    dappToken,
    onMessage(message) {
      if (message.kind === 'response') onResponse(message.response)
      else parameters.onError?.(new UnknownMessageError('The wallet sent a request; the dapp answers none.'))
    },
    onClose(error) {
      closedError = error
      for (const entry of [...pending.values()]) entry.reject(error)
      detachPageHide()
    },
  })

  function onResponse(response: JsonRpcResponse): void {
    const entry = typeof response.id === 'number' ? pending.get(response.id) : undefined
    // An answer to a request that timed out or was aborted is dropped: its caller has moved on.
    if (!entry) return
    if ('error' in response) entry.reject(createWalletRpcError(response.error.code, response.error.message))
    else entry.resolve(response.result)
  }

  // --- pagehide: a sealed `terminate` when the page goes away (browsers only, while the session is open).
  let presealed: Awaited<ReturnType<typeof engine.presealTerminate>>
  let presealedFor = -1
  const pageTarget =
    typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : undefined
  const onPageHide = () => engine.closeNow('page-hidden', presealed)
  let pageHideAttached = false
  function attachPageHide(): void {
    if (!pageTarget || pageHideAttached) return
    pageHideAttached = true
    pageTarget.addEventListener('pagehide', onPageHide)
  }
  function detachPageHide(): void {
    if (!pageTarget || !pageHideAttached) return
    pageHideAttached = false
    pageTarget.removeEventListener('pagehide', onPageHide)
  }
  // Keeps a `terminate` sealed for the next seq, since pagehide cannot wait for WebCrypto.
  async function refreshPreseal(): Promise<void> {
    if (!pageTarget || engine.getState().status === 'cleared' || presealedFor === engine.lastSent) return
    presealedFor = engine.lastSent
    presealed = await engine.presealTerminate('page-hidden')
  }
  engine.watchState((state) => {
    if (state.status === 'cleared') detachPageHide()
    else if (state.status === 'connected') void refreshPreseal()
  })

  attachPageHide()
  engine.start()

  function request(
    method: RelayMethod,
    params: unknown,
    options: RelayRequestOptions = {},
  ): Promise<unknown> {
    if (closedError) return Promise.reject(closedError)
    const { signal } = options
    if (signal?.aborted)
      return Promise.reject(
        new RequestAbortedError(`The "${method}" request was aborted.`, { cause: signal.reason }),
      )
    const id = nextId++
    const timeoutMs = options.timeoutMs ?? requestTimeoutMs
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        settle()
        reject(
          new RequestTimeoutError(`The wallet did not answer "${method}" within ${timeoutMs} ms.`, {
            details: 'The wallet may still act on it. Check the wallet app, or wake it up and try again.',
          }),
        )
      }, timeoutMs)
      const onAbort = () => {
        settle()
        reject(new RequestAbortedError(`The "${method}" request was aborted.`, { cause: signal?.reason }))
      }
      const settle = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        pending.delete(id)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      pending.set(id, {
        resolve: (value) => {
          settle()
          resolve(value)
        },
        reject: (error) => {
          settle()
          reject(error)
        },
        cleanup: settle,
      })
      engine
        .send({ jsonrpc: '2.0', id, method, params })
        .then(() => void refreshPreseal())
        .catch((error: unknown) => pending.get(id)?.reject(error))
    })
  }

  const field = (result: unknown, name: string, method: string): unknown => {
    if (typeof result !== 'object' || result === null || !(name in result))
      throw new InvalidResponseError(`The wallet answered "${method}" without "${name}".`)
    return (result as Record<string, unknown>)[name]
  }
  const base64Field = (value: unknown, method: string): Uint8Array => {
    const bytes = typeof value === 'string' ? decodeBase64(value) : undefined
    if (!bytes || bytes.length === 0)
      throw new InvalidResponseError(`The wallet answered "${method}" with a transaction that is not base64.`)
    return bytes
  }
  const base58Field = (value: unknown, method: string, length: number): Uint8Array => {
    try {
      return decodeBase58(value, { length, maxLength: 100 })
    } catch (cause) {
      throw new InvalidResponseError(
        `The wallet answered "${method}" with a value that is not ${length} bytes of base58.`,
        { cause },
      )
    }
  }

  return {
    pairingUri,
    walletLink,
    getState: engine.getState,
    watchState: engine.watchState,

    async connect(options) {
      const result = await request(
        'connect',
        {
          appName: parameters.app.name,
          appUrl: parameters.app.url,
          ...(parameters.app.icon === undefined ? {} : { appIcon: parameters.app.icon }),
          ...(parameters.cluster === undefined ? {} : { cluster: parameters.cluster }),
        },
        options,
      )
      const accounts = field(result, 'accounts', 'connect')
      if (!Array.isArray(accounts) || accounts.length === 0)
        throw new InvalidResponseError('The wallet answered "connect" without accounts.')
      for (const account of accounts) base58Field(account, 'connect', 32)
      return { publicKey: accounts[0] as string, accounts: accounts as string[] }
    },

    request,

    async signMessage(message, options = {}) {
      const bytes = typeof message === 'string' ? utf8(message) : message
      const params = {
        message: encodeBase64(bytes),
        ...(options.display ? { display: options.display } : {}),
      }
      const result = await request('signMessage', params, options)
      return { signature: base58Field(field(result, 'signature', 'signMessage'), 'signMessage', 64) }
    },

    async signTransaction(transaction, options) {
      const params = { transaction: encodeBase64(serializeTransaction(transaction)) }
      const result = await request('signTransaction', params, options)
      return { transaction: base64Field(field(result, 'transaction', 'signTransaction'), 'signTransaction') }
    },

    async signAllTransactions(transactions, options) {
      const params = {
        transactions: transactions.map((transaction) => encodeBase64(serializeTransaction(transaction))),
      }
      const result = await request('signAllTransactions', params, options)
      const signed = field(result, 'transactions', 'signAllTransactions')
      if (!Array.isArray(signed) || signed.length !== transactions.length)
        throw new InvalidResponseError(
          `The wallet answered "signAllTransactions" with ${Array.isArray(signed) ? signed.length : 'no'} transactions for ${transactions.length}.`,
        )
      return { transactions: signed.map((value) => base64Field(value, 'signAllTransactions')) }
    },

    async signAndSendTransaction(transaction, options = {}) {
      const params = {
        transaction: encodeBase64(serializeTransaction(transaction)),
        ...(options.sendOptions ? { sendOptions: options.sendOptions } : {}),
      }
      const result = await request('signAndSendTransaction', params, options)
      const signature = field(result, 'signature', 'signAndSendTransaction')
      base58Field(signature, 'signAndSendTransaction', 64)
      return { transactionSignature: signature as string }
    },

    wakeUp() {
      if (parameters.walletLinkBaseUrl === undefined)
        throw new WakeUpUnavailableError('wakeUp() needs the walletLinkBaseUrl option.')
      const link = buildWakeUpLink(parameters.walletLinkBaseUrl, channelId)
      const navigate = parameters.navigate ?? defaultOpenLink()
      if (!navigate)
        throw new WakeUpUnavailableError(
          'wakeUp() needs a browser or the navigate option to open the wake-up link.',
        )
      navigate(link)
    },

    async disconnect() {
      await engine.close('disconnected', { leave: true, terminate: true })
    },
  }
}

/**
 * How `wakeUp()` opens its link without `navigate`: the named wallet tab (see `walletWindowName`) or a new
 * one, never this page, because unloading it would end the session (pagehide sends `terminate`).
 * `location.assign` only where `window.open` is missing.
 */
function defaultOpenLink(): ((url: string) => void) | undefined {
  if (typeof window !== 'undefined' && typeof window.open === 'function')
    return (url) => {
      window.open(url, walletWindowName, 'noopener')
    }
  if (typeof location !== 'undefined' && typeof location.assign === 'function')
    return (url) => location.assign(url)
  return undefined
}

export type { SessionCloseReason }

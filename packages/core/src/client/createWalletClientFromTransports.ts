import { createRequestId } from '../deeplink/requestId.js'
import type { TransactionInput } from '../deeplink/serializeTransaction.js'
import type { RequestOptions, WalletResponse, WalletResults } from '../deeplink/walletResponse.js'
import {
  ConnectionCancelledError,
  EthereumProviderUnavailableError,
  MetamaskNotConfiguredError,
  RelayNotConfiguredError,
  WalletNotSelectedError,
} from '../errors/client.js'
import { InvalidArgumentError, NotConnectedError, RequestCancelledError } from '../errors/deeplink.js'
import type { EthereumProvider } from '../metamask/ethereumProvider.js'
import { createResponseChannel } from './createResponseChannel.js'
import { createStore, type Store } from './createStore.js'
import { fromTransactionBytes, toTransactionBytes } from './transaction.js'
import {
  initialWalletState,
  type WalletMethod,
  type WalletState,
  type WalletTransportType,
} from './walletState.js'
import type {
  DeeplinkTransports,
  SendOptions,
  TransportContext,
  TransportStatePatch,
  WalletTransport,
} from './walletTransport.js'

/** Which wallet to connect to: a deeplink wallet profile (mobile) or the relay (QR code), and a context. */
export type ConnectParameters = (
  | { transport?: 'deeplink' | undefined; wallet: string }
  | { transport: 'relay' | 'metamask'; wallet?: undefined }
) &
  RequestOptions

/** What `connect` resolves with. */
export type ConnectReturnType = { publicKey: string }

/** Options of `signMessage`. */
export type SignMessageOptions = RequestOptions & {
  /** How the wallet shows the message; default 'utf8' for a string, 'hex' for bytes that are not UTF-8. */
  display?: 'utf8' | 'hex' | undefined
}

/** Options of `signAndSendTransaction`. */
export type SignAndSendTransactionOptions = RequestOptions & {
  /** Passed to the wallet (or the RPC endpoint) as they are (Solana's `SendOptions`). */
  sendOptions?: SendOptions | undefined
  /**
   * Send the deeplink a wallet marks deprecated (Phantom's signAndSendTransaction) even though `rpcUrl`
   * is set. Default false: such a wallet signs, and the client sends through `rpcUrl` and confirms.
   */
  useDeprecatedDeeplink?: boolean | undefined
}

/** Options of `disconnect`. */
export type DisconnectOptions = {
  /**
   * Deeplink: also tell the wallet, so it drops the session token (a round trip through the wallet app,
   * answered on a reload). Default false: the dapp forgets the session and the user stays on the page.
   */
  notifyWallet?: boolean | undefined
}

/** Makes the transports; the defaults are the deeplink client and the (lazily loaded) relay session. */
export type WalletTransportFactories = {
  /** The deeplink wallet profile ids the client offers, in order. */
  deeplinkProfiles: readonly string[]
  /** Makes the deeplink side. Called once, in the browser, when first needed. */
  deeplink: ((context: TransportContext) => DeeplinkTransports) | undefined
  /** Makes a relay transport, or undefined when the relay is not configured. */
  relay: ((context: TransportContext) => Promise<WalletTransport>) | undefined
  /** Makes a MetaMask Mobile transport (lazily loaded), or undefined when not configured. */
  metamask?: ((context: TransportContext) => Promise<WalletTransport>) | undefined
}

/** The wallet client: one store of wallet state and the actions on it, for both transports. */
export type WalletClient = {
  /** The current state; the same object until the next change. */
  getState(): WalletState
  /** The state to render on the server and during hydration; always the same object. */
  getServerState(): WalletState
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  watchState(listener: (state: WalletState, previousState: WalletState) => void): () => void
  /**
   * Starts the client in the browser: restores a stored deeplink session and reads the wallet's redirect
   * once. Returns a release function; when the last mount is released, an open relay session is closed.
   * A no-op on the server. The React provider and the Vue plugin call it for you.
   */
  mount(): () => void
  /** Connects a deeplink wallet (`{ wallet: 'phantom' }`) or opens a relay pairing (`{ transport: 'relay' }`). */
  connect(parameters?: ConnectParameters): Promise<ConnectReturnType>
  /** Ends the session and clears the error; always resolves. */
  disconnect(options?: DisconnectOptions): Promise<void>
  /** Asks the wallet to sign a message; resolves with the 64-byte ed25519 signature, verified. */
  signMessage(
    message: Uint8Array | string,
    options?: SignMessageOptions,
  ): Promise<WalletResults['signMessage']>
  /** Asks the wallet to sign a transaction; resolves with the signed transaction in the type it was given. */
  signTransaction<transaction extends TransactionInput>(
    transaction: transaction,
    options?: RequestOptions,
  ): Promise<{ transaction: transaction }>
  /** Asks the wallet to sign several transactions at once. */
  signAllTransactions<transaction extends TransactionInput>(
    transactions: transaction[],
    options?: RequestOptions,
  ): Promise<{ transactions: transaction[] }>
  /** Asks the wallet to sign and submit a transaction; resolves with its base58 transaction signature. */
  signAndSendTransaction(
    transaction: TransactionInput,
    options?: SignAndSendTransactionOptions,
  ): Promise<WalletResults['signAndSendTransaction']>
  /**
   * Reads a wallet redirect (default: the current page URL) and takes it out of the address bar. Returns
   * the answer (also kept as `lastResponse` and given to `watchResponse`), or null when the URL carries
   * none or one already handled. Throws the typed error of a rejected request. `mount()` calls it.
   */
  handleRedirect(url?: string | URL): WalletResponse | null
  /**
   * Calls `listener` with every answer, with its request id and the `context` the request was given: the
   * relay's in this page, a deeplink's after the wallet round trip reloaded it. Answers that came before
   * anybody watched go to the first listener. Returns the unsubscribe function.
   */
  watchResponse(listener: (response: WalletResponse) => void): () => void
  /**
   * Gives up waiting for the pending request (the user came back from the wallet without answering): its
   * promise rejects with RequestCancelledError and the page is free again. Returns whether one was pending.
   */
  cancelPendingRequest(): boolean
  /** Forgets `error` (a dismissed error banner). */
  clearError(): void
  /** Forgets `lastResponse` once the app has used it. */
  clearLastResponse(): void
  /**
   * Relay only: opens the wake-up link so a `paused` wallet app comes back to the foreground (needs
   * `relay.walletLinkBaseUrl`). Does nothing without a relay session.
   */
  wakeUp(): void
  /** MetaMask only: the EIP-1193 provider over the connected MetaMask session (for viem, ethers). */
  getEthereumProvider(): EthereumProvider
}

/** Parameters of {@link createWalletClientFromTransports}. */
export type CreateWalletClientFromTransportsParameters = {
  transports: WalletTransportFactories
  /** How long a released client waits for a new mount before closing the relay (StrictMode remounts). */
  releaseDelay?: number | undefined
}

const disconnectedPatch = {
  status: 'disconnected',
  publicKey: null,
  transport: null,
  wallet: null,
  pairingUri: null,
  walletLink: null,
  verificationCode: null,
  pendingMethod: null,
} as const satisfies Partial<WalletState>

/**
 * Builds a wallet client over the given transport factories. `createWalletClient` is this with the default
 * deeplink and relay transports; use this one to plug in your own transport.
 */
export function createWalletClientFromTransports(
  parameters: CreateWalletClientFromTransportsParameters,
): WalletClient {
  const { transports, releaseDelay = 0 } = parameters
  const store: Store<WalletState> = createStore(initialWalletState)
  const serverState = store.getState()
  const responses = createResponseChannel()
  let deeplinkTransports: DeeplinkTransports | undefined
  /** Rejects the latest request's promise at once (cancelPendingRequest). */
  let cancelLatestRequest: ((error: unknown) => void) | undefined
  let restored = false

  /**
   * The connection (or attempt) that owns the state. A transport reports through a context bound to its own
   * connection, so a replaced or closed transport keeps no say over the state.
   */
  type Connection = {
    key: string
    transport: WalletTransport | undefined
    promise: Promise<ConnectReturnType> | undefined
    /** Rejects the pending connect() at once (default ConnectionCancelledError: replaced or disconnected). */
    cancel: ((error?: unknown) => void) | undefined
  }
  let active: Connection | undefined
  let latestRequest = 0
  let mounts = 0
  let started = false
  let redirectRead = false
  let releaseTimer: ReturnType<typeof setTimeout> | undefined

  const isBrowser = () => typeof window !== 'undefined'

  function contextFor(owner: () => Connection | undefined): TransportContext {
    return {
      update(patch: TransportStatePatch) {
        const connection = owner()
        if (!connection || connection !== active) return
        if (patch.status === 'disconnected') {
          active = undefined
          // The session ended on its own (wallet gone, terminated, expired): free what it still holds.
          connection.transport?.destroy()
          store.setState({ ...disconnectedPatch, ...patch, status: 'disconnected' })
          return
        }
        store.setState(patch)
      },
    }
  }

  /** The deeplink side, made on first use so that creating the client touches no storage. */
  function deeplink(): DeeplinkTransports | undefined {
    if (!transports.deeplink) return undefined
    deeplinkTransports ??= transports.deeplink(
      contextFor(() => (active?.transport?.type === 'deeplink' ? active : undefined)),
    )
    return deeplinkTransports
  }

  function resolveTarget(connectParameters: ConnectParameters | undefined): {
    type: WalletTransportType
    profile: string | null
  } {
    if (connectParameters?.transport === 'deeplink' && connectParameters.wallet === undefined)
      throw new WalletNotSelectedError()
    if (connectParameters?.transport === 'metamask') {
      if (!transports.metamask) throw new MetamaskNotConfiguredError()
      return { type: 'metamask', profile: null }
    }
    if (connectParameters?.transport === 'relay') {
      if (!transports.relay) throw new RelayNotConfiguredError()
      return { type: 'relay', profile: null }
    }
    if (connectParameters?.wallet !== undefined) {
      // The factory throws UnknownWalletProfileError for an id it does not know.
      return { type: 'deeplink', profile: connectParameters.wallet }
    }
    if (transports.deeplinkProfiles.length === 1 && !transports.relay) {
      return { type: 'deeplink', profile: transports.deeplinkProfiles[0]! }
    }
    throw new WalletNotSelectedError()
  }

  /** Lets go of the current connection: ends the relay session or forgets the deeplink session. */
  function closeActive() {
    const transport = active?.transport
    active?.cancel?.()
    active = undefined
    if (!transport) return
    // disconnect() resolves even offline; destroy() then frees the socket.
    void transport
      .disconnect()
      .catch(() => {})
      .finally(() => transport.destroy())
  }

  function connect(connectParameters?: ConnectParameters): Promise<ConnectReturnType> {
    let target: ReturnType<typeof resolveTarget>
    try {
      target = resolveTarget(connectParameters)
    } catch (error) {
      store.setState({ error: asError(error) })
      const rejected = Promise.reject(error)
      rejected.catch(() => {})
      return rejected
    }
    const key = `${target.type}:${target.profile ?? ''}`
    const state = store.getState()
    // Only a relay pairing is joined: a repeated deeplink connect opens the wallet again.
    if (active?.key === key && (target.type !== 'deeplink' || !active.promise)) {
      // A second click while the first connect is still out joins it; a connected wallet answers at once.
      if (active.promise) return active.promise
      if (state.publicKey && state.status !== 'disconnecting')
        return Promise.resolve({ publicKey: state.publicKey })
    }
    closeActive()

    const connection: Connection = { key, transport: undefined, promise: undefined, cancel: undefined }
    const cancelled = new Promise<never>((_, reject) => {
      connection.cancel = (error = new ConnectionCancelledError()) => reject(error)
    })
    // Nobody may be waiting on it when it fires.
    cancelled.catch(() => {})
    active = connection
    store.setState({
      ...disconnectedPatch,
      status: 'connecting',
      transport: target.type,
      wallet: target.profile,
      pendingMethod: 'connect',
      error: null,
    })
    connection.promise = (async () => {
      try {
        if (target.type !== 'deeplink') {
          const factory = target.type === 'relay' ? transports.relay! : transports.metamask!
          const creating = factory(contextFor(() => connection)).then((relay) => {
            connection.transport = relay
            // Cancelled while the relay code was loading: free the socket it may have opened.
            if (active !== connection) relay.destroy()
            return relay
          })
          await Promise.race([creating, cancelled])
        } else {
          connection.transport = deeplink()!.get(target.profile!)
        }
        const context = connectParameters?.context
        const result = await Promise.race([connection.transport!.connect({ context }), cancelled])
        if (active !== connection) throw new ConnectionCancelledError()
        connection.promise = undefined
        connection.cancel = undefined
        store.setState({
          ...disconnectedPatch,
          status: 'connected',
          transport: target.type,
          wallet: target.profile,
          publicKey: result.publicKey,
          // The relay code stays for the whole session: the wallet keeps showing it, so the user can
          // still compare the two after connecting.
          verificationCode: target.type === 'relay' ? store.getState().verificationCode : null,
          error: null,
        })
        if (target.type === 'relay') answered('connect', context, { publicKey: result.publicKey })
        return { publicKey: result.publicKey }
      } catch (error) {
        if (active === connection) {
          active = undefined
          if (connection.transport && connection.transport.type !== 'deeplink') connection.transport.destroy()
          store.setState({ ...disconnectedPatch, error: asError(error) })
        }
        throw error
      }
    })()
    // The error is also in the state, so `onClick={() => connect(...)}` raises no unhandled rejection.
    connection.promise.catch(() => {})
    return connection.promise
  }

  async function disconnect(options: DisconnectOptions = {}): Promise<void> {
    const transport = active?.transport
    active?.cancel?.()
    active = undefined
    cancelLatestRequest?.(new RequestCancelledError('The request was cancelled by disconnect().'))
    if (!transport) {
      // A restored pending deeplink connect has no transport yet; it is forgotten too.
      deeplinkTransports?.get(store.getState().wallet ?? '')?.cancelPendingRequest?.()
      store.setState({ ...disconnectedPatch, error: null })
      return
    }
    store.setState({ status: 'disconnecting', pendingMethod: 'disconnect', error: null })
    try {
      await transport.disconnect(options)
    } catch (error) {
      // Disconnecting always succeeds locally; the error is still shown.
      store.setState({ error: asError(error) })
    } finally {
      transport.destroy()
      // A connect() started meanwhile owns the state now.
      if (!active) store.setState(disconnectedPatch)
    }
  }

  /** Hands an answer given in this page (the relay's) to `watchResponse` listeners. */
  function answered<method extends WalletMethod>(
    method: method,
    context: RequestOptions['context'],
    result: WalletResults[method],
  ) {
    const response = {
      method,
      requestId: createRequestId(),
      wallet: store.getState().wallet,
      context,
      result,
    } as WalletResponse
    responses.emit(response)
  }

  async function request<method extends WalletMethod, result>(
    method: method,
    options: RequestOptions,
    run: (transport: WalletTransport, context: RequestOptions['context']) => Promise<result>,
    toResponse: (result: result) => WalletResults[method],
  ): Promise<result> {
    const connection = active
    const transport = connection?.transport
    const { status } = store.getState()
    const usable = status === 'connected' || status === 'paused' || status === 'reconnecting'
    if (!transport || !usable) throw new NotConnectedError({ details: `Method: ${method}.` })
    // Only the latest request speaks for the state: a deeplink request replaces an older one, whose
    // cancellation must not clear the newer one's pendingMethod.
    const id = ++latestRequest
    const isLatest = () => active === connection && id === latestRequest
    // Checked before the wallet is asked: a context that is not JSON fails here, on both transports.
    const context = options.context === undefined ? undefined : asJson(options.context)
    store.setState({ pendingMethod: method, error: null })
    const cancelled = new Promise<never>((_, reject) => {
      cancelLatestRequest = reject
    })
    cancelled.catch(() => {})
    try {
      const result = await Promise.race([run(transport, context), cancelled])
      if (isLatest()) store.setState({ pendingMethod: null })
      // A deeplink answer reaches the listeners through handleRedirect, which read it; a relay or MetaMask
      // answer is given in this page, so it is handed out here.
      if (transport.type !== 'deeplink' && active === connection)
        answered(method, context, toResponse(result))
      return result
    } catch (error) {
      if (isLatest()) store.setState({ pendingMethod: null, error: asError(error) })
      throw error
    } finally {
      if (id === latestRequest) cancelLatestRequest = undefined
    }
  }

  /** Makes the deeplink session (of `profile`) the current connection. */
  function adoptDeeplink(profile: string, publicKey: string, patch: Partial<WalletState> = {}) {
    const transport = deeplink()!.get(profile)
    if (active?.transport !== transport) {
      // Disconnecting another deeplink profile would forget the session just stored: they share it.
      if (active && active.transport?.type !== 'deeplink') closeActive()
      else active?.cancel?.()
      active = { key: `deeplink:${profile}`, transport, promise: undefined, cancel: undefined }
    }
    store.setState({
      ...disconnectedPatch,
      status: 'connected',
      transport: 'deeplink',
      wallet: profile,
      publicKey,
      ...patch,
    })
  }

  function handleRedirect(url?: string | URL): WalletResponse | null {
    const href = url === undefined ? (isBrowser() ? window.location.href : undefined) : String(url)
    const side = deeplink()
    if (href === undefined || !side) return null
    restore()
    let response: ReturnType<DeeplinkTransports['handleRedirect']>
    try {
      response = side.handleRedirect(href)
    } catch (error) {
      const state = store.getState()
      // A stale or unknown answer leaves the pending request waiting; only the answer to it ends it.
      const waiting = side.pendingRequest()?.method ?? null
      const connectEnded =
        state.status === 'connecting' && state.transport === 'deeplink' && waiting !== 'connect'
      if (connectEnded) {
        // The answer to this page's connect: its promise rejects with the wallet's error.
        active?.cancel?.(error)
        active = undefined
      }
      store.setState({
        ...(connectEnded ? disconnectedPatch : {}),
        ...(state.transport === 'deeplink' && !connectEnded ? { pendingMethod: waiting } : {}),
        error: asError(error),
      })
      throw error
    }
    if (!response) return null
    if (response instanceof Promise) {
      // Signed by the wallet, now sent through rpcUrl: the answer comes when the cluster confirms it.
      store.setState({ pendingMethod: 'signAndSendTransaction', error: null })
      response.then(
        (sent) => {
          store.setState({ pendingMethod: null, lastResponse: sent })
          responses.emit(sent)
        },
        (error) => store.setState({ pendingMethod: null, error: asError(error) }),
      )
      return null
    }
    if (response.method === 'connect') {
      adoptDeeplink(response.wallet!, response.result.publicKey, { error: null, lastResponse: response })
    } else if (response.method === 'disconnect') {
      if (active?.transport?.type === 'deeplink') active = undefined
      store.setState({ ...disconnectedPatch, error: null, lastResponse: response })
    } else {
      store.setState({ pendingMethod: null, error: null, lastResponse: response })
    }
    responses.emit(response)
    return response
  }

  /**
   * Reads the stored deeplink state once, in the browser, before the first render asks for the state:
   * a reload of a connected dapp never shows a frame of "disconnected" (and Connect buttons).
   */
  function restore() {
    if (restored || !isBrowser()) return
    restored = true
    const side = active ? undefined : deeplink()
    const session = side?.restore()
    const pending = side?.pendingRequest()
    if (session) adoptDeeplink(session.wallet, session.publicKey, { pendingMethod: pending?.method ?? null })
    else if (pending?.method === 'connect')
      store.setState({
        status: 'connecting',
        transport: 'deeplink',
        wallet: pending.wallet,
        pendingMethod: 'connect',
      })
  }

  function start() {
    restore()
    if (!redirectRead) {
      redirectRead = true
      try {
        handleRedirect()
      } catch {
        // The error is in the state; a mount has nobody to throw to.
      }
    }
  }

  function mount(): () => void {
    if (!isBrowser()) return () => {}
    mounts += 1
    if (releaseTimer !== undefined) {
      clearTimeout(releaseTimer)
      releaseTimer = undefined
    }
    if (!started) {
      started = true
      start()
    }
    let released = false
    return () => {
      if (released) return
      released = true
      mounts -= 1
      if (mounts > 0) return
      // Wait a moment: StrictMode and fast refresh unmount and mount again at once.
      releaseTimer = setTimeout(() => {
        releaseTimer = undefined
        if (mounts > 0) return
        started = false
        if (store.getState().transport === 'relay' || store.getState().transport === 'metamask') {
          closeActive()
          store.setState(disconnectedPatch)
        }
      }, releaseDelay)
    }
  }

  function cancelPendingRequest(): boolean {
    const state = store.getState()
    const side = state.transport === 'deeplink' ? deeplinkTransports : undefined
    const pendingConnect = state.status === 'connecting' && state.transport === 'deeplink'
    side?.get(state.wallet ?? '').cancelPendingRequest?.()
    if (pendingConnect) {
      active?.cancel?.(new RequestCancelledError('The connect request was cancelled.'))
      active = undefined
      store.setState(disconnectedPatch)
      return true
    }
    if (state.pendingMethod === null || state.pendingMethod === 'connect') return false
    cancelLatestRequest?.(
      new RequestCancelledError(`The pending ${state.pendingMethod} request was cancelled.`),
    )
    store.setState({ pendingMethod: null })
    return true
  }

  return {
    getState() {
      restore()
      return store.getState()
    },
    getServerState: () => serverState,
    watchState: (listener) => store.subscribe(listener),
    mount,
    connect,
    disconnect,
    async signMessage(message, options = {}) {
      const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message
      const display = options.display ?? (typeof message === 'string' || isUtf8(bytes) ? 'utf8' : 'hex')
      return request(
        'signMessage',
        options,
        (transport, context) => transport.signMessage(bytes, { display, context }),
        (result) => result,
      )
    },
    async signTransaction(transaction, options = {}) {
      const bytes = toTransactionBytes(transaction)
      return request(
        'signTransaction',
        options,
        async (transport, context) => {
          const signed = await transport.signTransaction(bytes, { context })
          return {
            transaction: fromTransactionBytes(transaction, signed.transaction),
            bytes: signed.transaction,
          }
        },
        ({ bytes }) => ({ transaction: bytes }),
      ).then(({ transaction }) => ({ transaction }))
    },
    async signAllTransactions(transactions, options = {}) {
      const bytes = transactions.map((transaction, index) => toTransactionBytes(transaction, index))
      return request(
        'signAllTransactions',
        options,
        async (transport, context) => {
          const signed = (await transport.signAllTransactions(bytes, { context })).transactions
          return {
            transactions: signed.map((signedBytes, index) =>
              fromTransactionBytes(transactions[index]!, signedBytes),
            ),
            bytes: signed,
          }
        },
        ({ bytes }) => ({ transactions: bytes }),
      ).then(({ transactions }) => ({ transactions }))
    },
    async signAndSendTransaction(transaction, options = {}) {
      const bytes = toTransactionBytes(transaction)
      return request(
        'signAndSendTransaction',
        options,
        (transport, context) =>
          transport.signAndSendTransaction(bytes, {
            sendOptions: options.sendOptions,
            useDeprecatedDeeplink: options.useDeprecatedDeeplink,
            context,
          }),
        (result) => result,
      )
    },
    handleRedirect,
    watchResponse: (listener) => responses.watch(listener),
    cancelPendingRequest,
    clearError: () => store.setState({ error: null }),
    clearLastResponse: () => store.setState({ lastResponse: null }),
    getEthereumProvider() {
      const provider = active?.transport?.getEthereumProvider?.()
      if (!provider) throw new EthereumProviderUnavailableError()
      return provider
    },
    wakeUp() {
      try {
        active?.transport?.wakeUp?.()
      } catch (error) {
        // WakeUpUnavailableError without a wallet link: shown, not thrown into an onClick.
        store.setState({ error: asError(error) })
      }
    },
  }
}

/** The context as it comes back after a reload (JSON); the deeplink client checks it the same way. */
function asJson(context: unknown): RequestOptions['context'] {
  try {
    return JSON.parse(JSON.stringify(context))
  } catch (cause) {
    throw new InvalidArgumentError('The request context must be JSON (it is stored until the answer).', {
      cause,
    })
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

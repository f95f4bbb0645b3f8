import {
  createSessionEngine,
  type DapplinkError,
  encodeBase64,
  type JsonRpcErrorObject,
  type JsonRpcRequest,
  parsePairingUri,
  type RelaySessionState,
  type RelayTimingOptions,
  type RelayTransportFactory,
  type SessionEngine,
  type SessionTimers,
  type SocketIoOptions,
} from '@dapplink/core/relay'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { isDeeplinkErrorCode } from '../errors/codes.js'
import { WalletConfigurationError } from '../errors/WalletConfigurationError.js'
import { MethodNotFoundError, UnauthorizedError, WalletRequestError } from '../errors/walletRequestError.js'
import { signTransactionBytes } from '../transaction/signTransactionBytes.js'
import { parseWalletRelayRequest, type WalletRelayRequest } from './walletRelayRequest.js'
import { watchPairingRelay } from './watchPairingRelay.js'

type Awaitable<value> = value | Promise<value>

/**
 * What the dapp says about itself: from the pairing URI until `connect` brings its own values. Both are
 * unverified claims (`verified: false`): whoever shows a QR code can write any name and URL, and the relay
 * protocol cannot check a dapp's origin. Show them as claims; the verification code proves only that the
 * wallet talks to the page that shows the same code.
 */
export type DappInfo = {
  name: string | undefined
  url: string | undefined
  icon: string | undefined
  /** Always false: a relay dapp's name and URL are claims, never checked. */
  readonly verified: false
}

/** Context handed to `onRequest` and handlers. */
export type WalletRelayContext = { dapp: DappInfo; verificationCode: string }

/**
 * Overrides for the default answers. The defaults sign with `account` (ed25519, tweetnacl);
 * `signAndSendTransaction` needs `sendTransaction`, `request` needs `request`.
 */
export type WalletRelayHandlers = {
  connect?: (
    params: Extract<WalletRelayRequest, { method: 'connect' }>['params'],
  ) => Awaitable<{ accounts: string[] }>
  signMessage?: (message: Uint8Array, display: 'utf8' | 'hex') => Awaitable<Uint8Array>
  signTransaction?: (transaction: Uint8Array) => Awaitable<Uint8Array>
  /** Sends a signed transaction to the network; resolves with its base58 signature. */
  sendTransaction?: (
    signedTransaction: Uint8Array,
    sendOptions: Record<string, unknown> | undefined,
  ) => Promise<string>
  /** Answers the generic `request` method. */
  request?: (method: string, params: unknown) => Awaitable<unknown>
}

export type PairWithDappParameters = RelayTimingOptions & {
  /** The scanned QR code content (`dapplink:pair?...`). */
  pairingUri: string
  /** The account that signs (`nacl.sign.keyPair()`). Only its public key leaves the device. */
  account: nacl.SignKeyPair
  handlers?: WalletRelayHandlers | undefined
  /**
   * Required. Called before each request is executed; resolve `true` to approve, `false` to reject with
   * 4001. This is where a wallet asks its user: there is no default that approves.
   */
  onRequest: (request: WalletRelayRequest, context: WalletRelayContext) => Awaitable<boolean>
  /** How long the app may stay in the background before the kit sends `pause` and drops its socket (default 20 000 ms). */
  pauseAfterMs?: number | undefined
  socketOptions?: SocketIoOptions | undefined
  /** Replaces the socket.io transport (tests). */
  transport?: RelayTransportFactory | undefined
  /** Rejected frames and relay errors, typed. The session goes on. */
  onError?: ((error: DapplinkError) => void) | undefined
  /** Cancels pairing before the handshake is done. */
  signal?: AbortSignal | undefined
  /**
   * How long the relay may refuse the link's channel, a dapp in the channel may ignore this wallet's HELLO,
   * or the channel may lack its dapp, before pairing fails with `PairingLinkUsedError` instead of waiting for
   * the handshake timeout (default 3 000 ms; a fresh link is answered within a round trip).
   */
  usedLinkGraceMs?: number | undefined
}

/** The wallet side of a paired relay session. */
export type WalletRelaySession = {
  /** The six-digit code to compare with the one the dapp shows. */
  readonly verificationCode: string
  /** The dapp's self-description (see `DappInfo`). */
  readonly dapp: DappInfo
  getState(): RelaySessionState
  watchState(listener: (state: RelaySessionState, previous: RelaySessionState) => void): () => void
  /** Tell the kit when the app goes to the background and comes back; it pauses after `pauseAfterMs` hidden. */
  setVisibility(visibility: 'hidden' | 'visible'): void
  /** Ends the session (sealed `terminate`, then `leave`). Always resolves. */
  close(): Promise<void>
}

/**
 * Pairs with the dapp whose QR code was scanned: joins the relay channel, runs the authenticated
 * handshake, then answers the dapp's requests, each only after `onRequest` approved it. Resolves once the
 * handshake is done; rejects with `WalletConfigurationError` (no `onRequest`), `InvalidPairingUriError`,
 * `HandshakeTimeoutError` or `SessionClosedError`.
 *
 * @example
 * const session = await pairWithDapp({ pairingUri: scanned, account, onRequest: (request) => askUser(request) })
 * showCode(session.verificationCode)
 * appState.onChange((state) => session.setVisibility(state === 'active' ? 'visible' : 'hidden'))
 */
export async function pairWithDapp(parameters: PairWithDappParameters): Promise<WalletRelaySession> {
  const { onRequest } = parameters
  if (typeof onRequest !== 'function')
    throw new WalletConfigurationError('pairWithDapp needs an onRequest callback.', {
      details:
        'Pass onRequest: (request, context) => askUser(request); without it every dapp request would be signed.',
    })
  const pairing = parsePairingUri(parameters.pairingUri)
  const { account } = parameters
  const handlers = parameters.handlers ?? {}
  const pauseAfterMs = parameters.pauseAfterMs ?? 20_000
  const dapp: DappInfo = { name: pairing.name, url: pairing.url, icon: undefined, verified: false }
  let authorized = false
  let queue: Promise<void> = Promise.resolve()
  // The pause waits on the same injected timers as the engine (fake ones in tests).
  const timers: Pick<SessionTimers, 'setTimeout' | 'clearTimeout'> = parameters.timers ?? {
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  let pauseTimer: unknown
  const clearPauseTimer = () => {
    if (pauseTimer !== undefined) timers.clearTimeout(pauseTimer)
    pauseTimer = undefined
  }
  // A used link would otherwise wait out the whole handshake timeout and then blame the wrong side.
  const usedLinkWatch = watchPairingRelay({
    transport: parameters.transport,
    graceMs: parameters.usedLinkGraceMs ?? 3_000,
    onUsed: (error) => void engine.close('terminated', { leave: true, keepChannel: true, error }),
  })

  const engine: SessionEngine = createSessionEngine({
    ...parameters,
    transport: usedLinkWatch.transport,
    role: 'wallet',
    relayUrl: pairing.relayUrl,
    channelId: pairing.channelId,
    secret: pairing.secret,
    dappPublicKey: pairing.dappPublicKey,
    onMessage(message) {
      // One request at a time, in order: the wallet UI shows one approval at a time.
      if (message.kind === 'request') queue = queue.then(() => answer(message.request))
    },
    onClose: clearPauseTimer,
  })

  const context = (): WalletRelayContext => ({
    dapp,
    verificationCode: engine.getState().verificationCode ?? '',
  })

  async function answer(request: JsonRpcRequest): Promise<void> {
    let response: { result: unknown } | { error: JsonRpcErrorObject }
    try {
      const parsed = parseWalletRelayRequest(request)
      if (parsed.method !== 'connect' && parsed.method !== 'disconnect' && !authorized)
        throw new UnauthorizedError('The dapp must connect before it sends requests.')
      const approved = parsed.method === 'disconnect' || (await onRequest(parsed, context())) === true
      if (!approved) response = { error: { code: 4001, message: 'User rejected the request.' } }
      else response = { result: await execute(parsed) }
    } catch (error) {
      response = { error: toRpcError(error) }
    }
    await engine.send({ jsonrpc: '2.0', id: request.id, ...response }).catch(() => {})
  }

  async function execute(request: WalletRelayRequest): Promise<unknown> {
    switch (request.method) {
      case 'connect': {
        dapp.name = request.params.appName
        dapp.url = request.params.appUrl
        dapp.icon = request.params.appIcon
        const result = handlers.connect
          ? await handlers.connect(request.params)
          : { accounts: [bs58.encode(account.publicKey)] }
        authorized = true
        return result
      }
      case 'signMessage': {
        const { message, display } = request.params
        const signature = handlers.signMessage
          ? await handlers.signMessage(message, display)
          : nacl.sign.detached(message, account.secretKey)
        return { signature: bs58.encode(signature) }
      }
      case 'signTransaction':
        return { transaction: encodeBase64(await sign(request.params.transaction)) }
      case 'signAllTransactions': {
        const signed: string[] = []
        for (const transaction of request.params.transactions)
          signed.push(encodeBase64(await sign(transaction)))
        return { transactions: signed }
      }
      case 'signAndSendTransaction': {
        if (!handlers.sendTransaction)
          throw new MethodNotFoundError('This wallet cannot send transactions (no sendTransaction handler).')
        const signed = await sign(request.params.transaction)
        return { signature: await handlers.sendTransaction(signed, request.params.sendOptions) }
      }
      case 'disconnect':
        authorized = false
        return {}
      case 'request':
        if (!handlers.request)
          throw new MethodNotFoundError(
            `This wallet does not answer "${request.params.method.slice(0, 40)}".`,
          )
        return await handlers.request(request.params.method, request.params.params)
    }
  }

  async function sign(transaction: Uint8Array): Promise<Uint8Array> {
    if (handlers.signTransaction) return handlers.signTransaction(transaction)
    return signTransactionBytes(transaction, account.secretKey)
  }

  const onAbort = () => void engine.close('disconnected', { leave: true })
  parameters.signal?.addEventListener('abort', onAbort, { once: true })
  if (parameters.signal?.aborted) onAbort()
  // The wallet learns the verification code from the dapp's KEY: the dapp answered, so the link is fresh.
  const stopWatchingKey = engine.watchState((state) => {
    if (state.verificationCode !== undefined) usedLinkWatch.dappAnswered()
  })
  engine.start()
  try {
    await engine.handshake
  } finally {
    parameters.signal?.removeEventListener('abort', onAbort)
    stopWatchingKey()
    usedLinkWatch.stop()
  }

  return {
    verificationCode: engine.getState().verificationCode!,
    dapp,
    getState: engine.getState,
    watchState: engine.watchState,
    setVisibility(visibility) {
      clearPauseTimer()
      if (visibility === 'visible') engine.resume()
      else pauseTimer = timers.setTimeout(() => void engine.pause(), pauseAfterMs)
    },
    async close() {
      clearPauseTimer()
      await engine.close('disconnected', { leave: true, terminate: true })
    },
  }
}

/** The JSON-RPC error for a thrown error: its protocol code when it has one, else -32603 without internals. */
function toRpcError(error: unknown): JsonRpcErrorObject {
  if (error instanceof WalletRequestError) return { code: error.code, message: error.shortMessage }
  const code = (error as { code?: unknown } | null)?.code
  if (isDeeplinkErrorCode(code)) {
    const message = (error as { shortMessage?: unknown }).shortMessage
    return { code, message: typeof message === 'string' ? message : 'The wallet refused the request.' }
  }
  return { code: -32603, message: 'The wallet failed to handle the request.' }
}

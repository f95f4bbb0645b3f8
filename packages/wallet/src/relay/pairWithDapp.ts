import { RequestCancelledError } from '@dapplink/core'
import {
  createSessionEngine,
  type DapplinkError,
  parsePairingUri,
  type RelaySessionState,
  type RelayTimingOptions,
  type RelayTransportFactory,
  type SessionEngine,
  type SessionTimers,
  type SocketIoOptions,
} from '@dapplink/core/relay'
import type nacl from 'tweetnacl'
import { WalletConfigurationError } from '../errors/WalletConfigurationError.js'
import { createRelayRequestAnswerer } from './answerRelayRequest.js'
import type { WalletRelayRequest } from './walletRelayRequest.js'
import { createWalletRequestQueue } from './walletRequestQueue.js'
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

/** Context handed to `onRequest`. */
export type WalletRelayContext = {
  dapp: DappInfo
  verificationCode: string
  /**
   * Aborts when the request is withdrawn while the user decides: the dapp cancelled it (reason
   * `RequestCancelledError`), its deadline passed (`RequestDeadlineError`), or the session ended
   * (`SessionClosedError`). Close the approval dialog then; the kit neither executes nor answers it, whatever
   * `onRequest` resolves to afterwards.
   */
  signal: AbortSignal
  /** When the dapp stops waiting (ms since the epoch, by the dapp's clock), for a countdown. */
  deadline: number
}

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
   * 4001. This is where a wallet asks its user: there is no default that approves. Close the dialog when
   * `context.signal` aborts (the dapp cancelled, or the deadline passed). Requests without a valid deadline
   * never reach it.
   */
  onRequest: (request: WalletRelayRequest, context: WalletRelayContext) => Awaitable<boolean>
  /** How long the app may stay in the background before the kit sends `pause` and drops its socket (default 20 000 ms). */
  pauseAfterMs?: number | undefined
  socketOptions?: SocketIoOptions | undefined
  /** Replaces the socket.io transport (tests). */
  transport?: RelayTransportFactory | undefined
  /**
   * Rejected frames, relay errors and requests refused for their deadline (`RequestDeadlineError`), typed.
   * The session goes on.
   */
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
  // The pause and the request deadlines run on the same injected clock and timers as the engine (fake ones in tests).
  const timers: Pick<SessionTimers, 'now' | 'setTimeout' | 'clearTimeout'> = parameters.timers ?? {
    now: () => Date.now(),
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  const answer = createRelayRequestAnswerer({
    account,
    handlers,
    onRequest,
    dapp,
    verificationCode: () => engine.getState().verificationCode ?? '',
    timers,
    send: (response) => engine.send(response),
    onDeadlineRefused: parameters.onError,
  })
  // One request at a time, in order: the wallet UI shows one approval at a time.
  const queue = createWalletRequestQueue(answer)
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
      if (message.kind === 'request') queue.enqueue(message.request)
      // An unknown or repeated id (already answered, never sent) is ignored.
      else if (message.kind === 'cancel')
        queue.cancel(
          message.id,
          new RequestCancelledError(`The dapp cancelled request ${String(message.id).slice(0, 64)}.`),
        )
    },
    onClose(error) {
      clearPauseTimer()
      // Nothing of a session that ended may still be shown or executed.
      queue.abortAll(error)
    },
  })

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

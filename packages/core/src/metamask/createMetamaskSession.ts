import { createEciesKeyPair } from '../crypto/ecies.js'
import type { Cluster } from '../deeplink/cluster.js'
import { DecryptionError } from '../errors/deeplink.js'
import { MetamaskSessionClosedError } from '../errors/metamask.js'
import {
  type CentrifugoClient,
  createCentrifugoClient,
  type WebSocketConstructor,
} from './centrifugoClient.js'
import { type ConnectionMode, createConnectionRequest, type DappMetadata } from './connectionRequest.js'
import { type NonceRecord, parseEnvelope, screenEnvelope, sealEnvelope } from './envelope.js'
import {
  type HandshakeInput,
  type HandshakeOutput,
  type HandshakeState,
  startHandshake,
  stepHandshake,
} from './handshake.js'
import { createMessageSealer, type MessageSealer } from './messageSealer.js'
import {
  createSessionParams,
  multichainStreamName,
  readRpcResult,
  readSessionScopes,
  type SessionScopes,
} from './multichainApi.js'
import { buildPairingLinks, buildWakeUpLink } from './pairingLink.js'
import { createPendingRequests, type RequestOptions } from './pendingRequests.js'
import { openProtocolMessage, type ProtocolMessage } from './protocolMessage.js'
import { realTime, type TimeProvider } from './timers.js'

/** MetaMask's hosted Centrifugo relay. */
export const metamaskRelayUrl = 'wss://mm-sdk-relay.api.cx.metamask.io/connection/websocket'

/** Where the session is: `paused` while the wallet leaves requests unanswered (in the background). */
export type MetamaskSessionStatus = 'idle' | 'pairing' | 'connected' | 'paused' | 'reconnecting' | 'cleared'

/** A snapshot of the session; a new object on every change. */
export type MetamaskSessionState = {
  status: MetamaskSessionStatus
  /** `metamask://connect/mwp?p=…&c=1` for the QR code while pairing; it changes when the QR is renewed. */
  pairingUri: string | null
  /** The same request as a universal link, for a dapp on the wallet's phone. */
  walletLink: string | null
  /** The scopes and CAIP-10 accounts the wallet granted. */
  sessionScopes: SessionScopes
  /** Why the session ended, when it did not end by `disconnect()`. */
  error: Error | null
}

/** Parameters of {@link createMetamaskSession}. */
export type CreateMetamaskSessionParameters = {
  dapp: DappMetadata
  /** The Centrifugo relay (default MetaMask's). */
  relayUrl?: string | undefined
  cluster?: Cluster | undefined
  /** EVM chains to ask for as well (for `getEthereumProvider`). */
  evmChainIds?: readonly number[] | undefined
  /** `trusted` (default: what MetaMask Mobile completes) or `untrusted` (the wallet shows a code). */
  mode?: ConnectionMode | undefined
  /** Untrusted mode: asks the user for the wallet's code; `submit` rejects with `IncorrectOtpError`. */
  onOtpRequired?: ((submit: (code: string) => Promise<void>, deadline: number) => void) | undefined
  /** Reports what is dropped and why (unreadable offers, malformed publications); never keys or plaintext. */
  onWarning?: ((error: Error) => void) | undefined
  /** Opens the wake-up link (default: `window.location.assign`). */
  openLink?: ((url: string) => void) | undefined
  WebSocket?: WebSocketConstructor | undefined
  time?: TimeProvider | undefined
  /** A request unanswered this long rejects with `RequestTimeoutError` (default 5 min: the user may be slow). */
  requestTimeoutMs?: number | undefined
  /** Requests unanswered this long with no word from the wallet show `paused` (default 20 s). */
  quietAfterMs?: number | undefined
  /** `wallet_getSession` must answer this fast after a timeout, else the wallet is gone (default 30 s). */
  probeTimeoutMs?: number | undefined
  /** A new QR code is made this long before the current one expires (default 5 s). */
  renewBeforeMs?: number | undefined
  /** Pairing gives up after this long (default 10 min). */
  pairingTimeoutMs?: number | undefined
}

/** The session. Keys live in this object only: nothing is written to any storage. */
export type MetamaskSession = {
  getState(): MetamaskSessionState
  watchState(listener: (state: MetamaskSessionState) => void): () => void
  /** Pairs (QR code in `pairingUri`), then asks for a Multichain session; resolves with the granted scopes. */
  connect(): Promise<SessionScopes>
  /** Sends a JSON-RPC request on a stream (Multichain API by default) and resolves with its result. */
  request(method: string, params: unknown, options?: RequestOptions & { stream?: string }): Promise<unknown>
  /** Listens to wallet notifications (`wallet_notify`, `wallet_sessionChanged`, `metamask_chainChanged`, ...). */
  onNotification(listener: (stream: string, method: string, params: unknown) => void): () => void
  /** Asks `wallet_getSession`; ends the session with a typed reason if the wallet is silent or revoked it. */
  checkSession(): Promise<void>
  /** Opens `metamask://connect/mwp?id=<session>` so a backgrounded wallet comes back. */
  wakeUp(): void
  /** Drops the relay socket and reconnects (recovering missed publications). */
  reconnect(): void
  disconnect(): Promise<void>
}

/**
 * Creates a MetaMask Mobile Wallet Protocol session (docs/metamask.md). Touches no network until `connect`.
 *
 * @example
 * const session = createMetamaskSession({ dapp: { name: 'Dapp', url: 'https://dapp.example' } })
 * session.watchState((s) => showQr(s.pairingUri)); const scopes = await session.connect()
 */
export function createMetamaskSession(parameters: CreateMetamaskSessionParameters): MetamaskSession {
  const time = parameters.time ?? realTime
  const { requestTimeoutMs = 300_000, quietAfterMs = 20_000, probeTimeoutMs = 30_000 } = parameters
  const { renewBeforeMs = 5_000, pairingTimeoutMs = 600_000, mode = 'trusted' } = parameters
  const keyPair = createEciesKeyPair()
  const clientId = globalThis.crypto.randomUUID()
  const listeners = new Set<(state: MetamaskSessionState) => void>()
  const notificationListeners = new Set<(stream: string, method: string, params: unknown) => void>()
  const pending = createPendingRequests(time, requestTimeoutMs)
  const nonces = new Map<string, number>()
  const seen = new Map<string, NonceRecord>()
  let state: MetamaskSessionState = {
    status: 'idle',
    pairingUri: null,
    walletLink: null,
    sessionScopes: {},
    error: null,
  }
  let handshake: HandshakeState | undefined
  let relay: CentrifugoClient | undefined
  let sealer: MessageSealer | undefined
  let sessionId: string | undefined
  let nextRequestId = 1
  let quietTimer: unknown
  let tickTimer: unknown
  let renewTimer: unknown
  let pairingStartedAt = 0
  let paired: { resolve(): void; reject(error: Error): void } | undefined
  const warn = (error: Error) => parameters.onWarning?.(error)

  function setState(patch: Partial<MetamaskSessionState>) {
    if (state.status === 'cleared') return
    state = { ...state, ...patch }
    for (const listener of listeners) listener(state)
  }

  function end(error: Error | null) {
    if (state.status === 'cleared') return
    for (const timer of [quietTimer, tickTimer, renewTimer]) time.clearTimeout(timer)
    relay?.close()
    keyPair.secretKey.fill(0)
    const reason = error ?? new MetamaskSessionClosedError('disconnected')
    pending.rejectAll(reason)
    paired?.reject(reason)
    setState({ status: 'cleared', pairingUri: null, walletLink: null, error })
  }

  async function newPairingRequest() {
    const request = createConnectionRequest({
      publicKey: keyPair.publicKey,
      dapp: parameters.dapp,
      mode,
      now: time.now(),
    })
    const links = await buildPairingLinks(request)
    sessionId ??= request.sessionRequest.id
    const { channel, expiresAt } = request.sessionRequest
    await relay?.subscribe(channel)
    return { channel, expiresAt, links }
  }

  async function renew() {
    if (handshake?.step !== 'awaitingOffer') return
    if (time.now() - pairingStartedAt >= pairingTimeoutMs) return
    const next = await newPairingRequest()
    if (handshake?.step !== 'awaitingOffer') return
    applyHandshake({ type: 'requestRenewed', request: { channel: next.channel, expiresAt: next.expiresAt } })
    setState({ pairingUri: next.links.qrLink, walletLink: next.links.universalLink })
    scheduleRenewal(next.expiresAt)
  }

  function scheduleRenewal(expiresAt: number) {
    time.clearTimeout(renewTimer)
    renewTimer = time.setTimeout(
      () => void renew().catch((error) => warn(error)),
      Math.max(0, expiresAt - renewBeforeMs - time.now()),
    )
    time.clearTimeout(tickTimer)
    const tick = () => {
      applyHandshake({ type: 'tick', now: time.now() })
      if (handshake?.step === 'awaitingOffer' || handshake?.step === 'awaitingOtp')
        tickTimer = time.setTimeout(tick, 1_000)
    }
    tickTimer = time.setTimeout(tick, 1_000)
  }

  function applyHandshake(input: HandshakeInput): HandshakeOutput[] {
    if (!handshake) return []
    const before = handshake
    const { state: next, outputs } = stepHandshake(handshake, input)
    handshake = next
    for (const output of outputs) {
      if (output.type === 'warning') warn(output.error)
      if (output.type === 'otpRequired') parameters.onOtpRequired?.(submitOtp, output.deadline)
    }
    if (next.step === 'failed' && before.step !== 'failed') end(next.error)
    if (next.step === 'open' && before.step !== 'open')
      void openSession(
        next,
        outputs.some((output) => output.type === 'sendAck'),
      )
    return outputs
  }

  async function submitOtp(code: string) {
    for (const output of applyHandshake({ type: 'otpEntered', code }))
      if (output.type === 'otpRejected') throw output.error
    if (handshake?.step === 'failed') throw handshake.error
  }

  async function openSession(open: Extract<HandshakeState, { step: 'open' }>, sendAck: boolean) {
    time.clearTimeout(renewTimer)
    time.clearTimeout(tickTimer)
    sealer = createMessageSealer(open.walletPublicKey)
    try {
      await relay?.subscribe(open.sessionChannel)
      for (const channel of [...seen.keys()])
        if (channel.startsWith('handshake:')) relay?.unsubscribe(channel)
      if (sendAck) await publish({ type: 'handshake-ack' })
      setState({ pairingUri: null, walletLink: null })
      paired?.resolve()
    } catch (error) {
      end(error as Error)
    }
  }

  async function publish(message: ProtocolMessage) {
    if (!relay || !sealer || handshake?.step !== 'open') throw new MetamaskSessionClosedError('disconnected')
    const channel = handshake.sessionChannel
    const payload = await sealer.seal(message)
    const nonce = (nonces.get(channel) ?? 0) + 1
    nonces.set(channel, nonce)
    await relay.publish(channel, sealEnvelope({ clientId, nonce, payload }))
  }

  async function receive(channel: string, data: unknown) {
    let envelope: ReturnType<typeof parseEnvelope>
    try {
      envelope = parseEnvelope(data)
    } catch (error) {
      return warn(error as Error)
    }
    const peer = handshake?.step === 'open' ? handshake.walletClientId : undefined
    const screened = screenEnvelope(
      seen.get(channel) ?? new Map(),
      envelope,
      clientId,
      channel.startsWith('session:') ? peer : undefined,
    )
    if (screened.verdict !== 'accept') return
    let message: ProtocolMessage
    try {
      message = await openProtocolMessage(keyPair.secretKey, envelope.payload)
      // Screened again: another copy may have opened while this one was decrypting.
      const again = screenEnvelope(seen.get(channel) ?? new Map(), envelope, clientId, undefined)
      if (again.verdict !== 'accept') return
      seen.set(channel, again.record)
    } catch (error) {
      if (channel.startsWith('handshake:') && error instanceof DecryptionError) {
        applyHandshake({ type: 'offerUnreadable', error })
        return
      }
      return warn(error as Error)
    }
    if (message.type === 'handshake-offer') {
      applyHandshake({
        type: 'offerReceived',
        channel,
        walletClientId: envelope.clientId,
        offer: message.payload,
      })
      return
    }
    if (message.type === 'message' && handshake?.step === 'open' && channel === handshake.sessionChannel)
      handleWalletMessage(message.payload)
  }

  function handleWalletMessage(payload: unknown) {
    // Any word from the wallet means it is in the foreground again.
    time.clearTimeout(quietTimer)
    if (state.status === 'paused') setState({ status: 'connected' })
    if (pending.size > 0) armQuietTimer()
    const { name, data } = (payload ?? {}) as { name?: unknown; data?: Record<string, unknown> }
    if (typeof name !== 'string' || typeof data !== 'object' || data === null) return
    if (typeof data.id === 'number' && ('result' in data || 'error' in data)) {
      let outcome: { result: unknown } | { error: Error }
      try {
        outcome = { result: readRpcResult(data) }
      } catch (error) {
        outcome = { error: error as Error }
      }
      // false: an answer to a request the dapp gave up on (timed out, aborted). Dropped.
      pending.settle(data.id, outcome)
      return
    }
    if (typeof data.method === 'string') {
      if (data.method === 'wallet_sessionChanged') {
        try {
          const sessionScopes = readSessionScopes(data.params)
          if (Object.keys(sessionScopes).length === 0) return end(revoked())
          setState({ sessionScopes })
        } catch (error) {
          warn(error as Error)
        }
      }
      for (const listener of notificationListeners) listener(name, data.method, data.params)
    }
  }

  function armQuietTimer() {
    time.clearTimeout(quietTimer)
    quietTimer = time.setTimeout(() => {
      if (pending.size > 0 && state.status === 'connected') setState({ status: 'paused' })
    }, quietAfterMs)
  }

  async function request(
    method: string,
    params: unknown,
    options: RequestOptions & { stream?: string } = {},
  ) {
    if (state.status === 'cleared') throw state.error ?? new MetamaskSessionClosedError('disconnected')
    const id = nextRequestId++
    const answer = pending.add(id, method, options, (timedOut) => {
      if (timedOut !== 'wallet_getSession') void checkSession().catch(() => {})
    })
    if (pending.size === 1) armQuietTimer()
    const data = { jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }
    publish({ type: 'message', payload: { name: options.stream ?? multichainStreamName, data } }).catch(
      (error) => pending.settle(id, { error }),
    )
    return answer
  }

  async function checkSession() {
    let result: unknown
    try {
      result = await request('wallet_getSession', {}, { timeoutMs: probeTimeoutMs })
    } catch (error) {
      if (state.status === 'cleared') return
      return end(
        new MetamaskSessionClosedError('wallet-silent', {
          shortMessage: 'The wallet stopped answering; it may have ended the session.',
          cause: error,
        }),
      )
    }
    const scopes = readSessionScopes(result)
    if (Object.keys(scopes).length === 0) return end(revoked())
    setState({ sessionScopes: scopes })
  }

  function revoked() {
    return new MetamaskSessionClosedError('session-revoked', {
      shortMessage: 'The wallet no longer has this session (disconnected in MetaMask).',
    })
  }

  return {
    getState: () => state,
    watchState(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onNotification(listener) {
      notificationListeners.add(listener)
      return () => notificationListeners.delete(listener)
    },
    async connect() {
      if (state.status !== 'idle')
        throw new MetamaskSessionClosedError('disconnected', {
          shortMessage: 'This MetaMask session was already used; create a new one.',
        })
      setState({ status: 'pairing' })
      pairingStartedAt = time.now()
      relay = createCentrifugoClient({
        url: parameters.relayUrl ?? metamaskRelayUrl,
        WebSocket: parameters.WebSocket,
        time,
        onPublication: ({ channel, data }) => void receive(channel, data),
        onStateChange: (relayState) => {
          if (handshake?.step !== 'open' || state.status === 'pairing') return
          if (relayState === 'connecting') setState({ status: 'reconnecting' })
          else if (relayState === 'connected' && state.status === 'reconnecting')
            setState({ status: 'connected' })
        },
      })
      const pairedPromise = new Promise<void>((resolve, reject) => (paired = { resolve, reject }))
      pairedPromise.catch(() => {})
      try {
        await relay.connect()
        const first = await newPairingRequest()
        handshake = startHandshake(mode, { channel: first.channel, expiresAt: first.expiresAt })
        setState({ pairingUri: first.links.qrLink, walletLink: first.links.universalLink })
        scheduleRenewal(first.expiresAt)
        await pairedPromise
        const result = await request(
          'wallet_createSession',
          createSessionParams(parameters.cluster ?? 'mainnet-beta', parameters.evmChainIds),
        )
        const sessionScopes = readSessionScopes(result)
        setState({ status: 'connected', sessionScopes })
        return sessionScopes
      } catch (error) {
        end(error as Error)
        throw error
      }
    },
    request,
    checkSession,
    wakeUp() {
      if (!sessionId) return
      const link = buildWakeUpLink(sessionId)
      if (parameters.openLink) parameters.openLink(link)
      else if (typeof window !== 'undefined') window.location.assign(link)
    },
    reconnect: () => relay?.reconnect(),
    async disconnect() {
      if (state.status === 'cleared') return
      if (handshake?.step === 'open' && state.status === 'connected')
        await request('wallet_revokeSession', {}, { timeoutMs: 1_000 }).catch(() => {})
      end(null)
    },
  }
}

export * from './metamaskSessionTypes.js'

import { createEciesKeyPair } from '../crypto/ecies.js'
import { MetamaskSessionClosedError } from '../errors/metamask.js'
import { type CentrifugoClient, createCentrifugoClient } from './centrifugoClient.js'
import { createEnvelopeSealer } from './envelope.js'
import {
  type HandshakeInput,
  type HandshakeOutput,
  type HandshakeState,
  startHandshake,
  stepHandshake,
} from './handshake.js'
import { createMessageSealer, type MessageSealer } from './messageSealer.js'
import {
  type CreateMetamaskSessionParameters,
  type MetamaskSession,
  type MetamaskSessionState,
  metamaskRelayUrl,
} from './metamaskSessionTypes.js'
import { createSessionParams, multichainStreamName, readSessionScopes } from './multichainApi.js'
import { openWakeUpLink } from './pairingLink.js'
import { createPairingRenewal } from './pairingRenewal.js'
import { createPairingRequests } from './pairingRequests.js'
import { createPendingRequests, type RequestOptions } from './pendingRequests.js'
import type { ProtocolMessage } from './protocolMessage.js'
import { createPublicationInbox } from './publicationInbox.js'
import { createQuietWatch } from './quietWatch.js'
import { statusAfterRelayChange } from './relayConnectionStatus.js'
import { routePublication } from './routePublication.js'
import { readSessionScopesUpdate } from './sessionScopesUpdate.js'
import { realTime } from './timers.js'
import { readWalletPayload } from './walletPayload.js'

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
  const sealEnvelope = createEnvelopeSealer(clientId)
  const inbox = createPublicationInbox(clientId, keyPair.secretKey)
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
  let nextRequestId = 1
  let paired: { resolve(): void; reject(error: Error): void } | undefined
  const warn = (error: Error) => parameters.onWarning?.(error)
  const quiet = createQuietWatch(
    time,
    quietAfterMs,
    () => pending.size > 0,
    () => {
      if (state.status === 'connected') setState({ status: 'paused' })
    },
  )

  function setState(patch: Partial<MetamaskSessionState>) {
    if (state.status === 'cleared') return
    state = { ...state, ...patch }
    for (const listener of listeners) listener(state)
  }

  function end(error: Error | null) {
    if (state.status === 'cleared') return
    quiet.stop()
    renewal.stop()
    relay?.close()
    keyPair.secretKey.fill(0)
    const reason = error ?? new MetamaskSessionClosedError('disconnected')
    pending.rejectAll(reason)
    paired?.reject(reason)
    setState({ status: 'cleared', pairingUri: null, walletLink: null, error })
  }

  const pairingRequests = createPairingRequests({
    publicKey: keyPair.publicKey,
    dapp: parameters.dapp,
    mode,
    time,
    subscribe: (channel) => relay?.subscribe(channel),
  })

  const renewal = createPairingRenewal({
    time,
    renewBeforeMs,
    pairingTimeoutMs,
    isPairing: () => handshake?.step === 'awaitingOffer' || handshake?.step === 'awaitingOtp',
    makeRequest: () => pairingRequests.next(),
    onRenewed(next) {
      if (handshake?.step !== 'awaitingOffer') return
      applyHandshake({
        type: 'requestRenewed',
        request: { channel: next.channel, expiresAt: next.expiresAt },
      })
      setState({ pairingUri: next.links.qrLink, walletLink: next.links.universalLink })
    },
    onTick: (now) => applyHandshake({ type: 'tick', now }),
    onError: (error) => warn(error),
  })

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
    renewal.stop()
    sealer = createMessageSealer(open.walletPublicKey)
    try {
      await relay?.subscribe(open.sessionChannel)
      for (const channel of pairingRequests.channels) relay?.unsubscribe(channel)
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
    await relay.publish(channel, sealEnvelope(channel, payload))
  }

  async function receive(channel: string, data: unknown) {
    const peer =
      handshake?.step === 'open' && channel.startsWith('session:') ? handshake.walletClientId : undefined
    const event = await inbox.receive(channel, data, peer)
    // Read again after the await: the handshake may have opened meanwhile.
    const route =
      event &&
      routePublication(event, channel, handshake?.step === 'open' ? handshake.sessionChannel : undefined)
    if (route?.to === 'warning') warn(route.error)
    else if (route?.to === 'handshake') applyHandshake(route.input)
    else if (route?.to === 'session') handleWalletMessage(route.payload)
  }

  function handleWalletMessage(payload: unknown) {
    // Any word from the wallet means it is in the foreground again.
    quiet.stop()
    if (state.status === 'paused') setState({ status: 'connected' })
    if (pending.size > 0) quiet.restart()
    const read = readWalletPayload(payload)
    // An answer to a request the dapp gave up on (timed out, aborted) settles nothing: it is dropped.
    if (read.kind === 'answer') pending.settle(read.id, read.outcome)
    if (read.kind !== 'notification') return
    if (read.method === 'wallet_sessionChanged') {
      try {
        const update = readSessionScopesUpdate(read.params)
        if (update.kind === 'revoked') return end(update.error)
        setState({ sessionScopes: update.sessionScopes })
      } catch (error) {
        warn(error as Error)
      }
    }
    for (const listener of notificationListeners) listener(read.stream, read.method, read.params)
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
    if (pending.size === 1) quiet.restart()
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
    const update = readSessionScopesUpdate(result)
    if (update.kind === 'revoked') return end(update.error)
    setState({ sessionScopes: update.sessionScopes })
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
      relay = createCentrifugoClient({
        url: parameters.relayUrl ?? metamaskRelayUrl,
        WebSocket: parameters.WebSocket,
        time,
        onPublication: ({ channel, data }) => void receive(channel, data),
        onStateChange: (relayState) => {
          const status = statusAfterRelayChange(state.status, handshake?.step === 'open', relayState)
          if (status) setState({ status })
        },
      })
      const pairedPromise = new Promise<void>((resolve, reject) => (paired = { resolve, reject }))
      pairedPromise.catch(() => {})
      try {
        await relay.connect()
        const first = await pairingRequests.next()
        handshake = startHandshake(mode, { channel: first.channel, expiresAt: first.expiresAt })
        setState({ pairingUri: first.links.qrLink, walletLink: first.links.universalLink })
        renewal.start(first)
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
      const { sessionId } = pairingRequests
      if (sessionId) openWakeUpLink(sessionId, parameters.openLink)
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

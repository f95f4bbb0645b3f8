import {
  HandshakeTimeoutError,
  SessionClosedError,
  type SessionCloseReason,
  SessionOverflowError,
} from '../errors/relay.js'
import { encodeBase64Url } from './base64url.js'
import { direction } from './constants.js'
import { Delivery } from './engine/delivery.js'
import { encodeFrameSizedMessage } from './engine/frameSizedMessage.js'
import { Membership } from './engine/membership.js'
import { createRelayEventRouter } from './engine/relayEventRouter.js'
import type {
  RelaySessionState,
  SessionCloseOptions,
  SessionEngine,
  SessionEngineParameters,
} from './engine/sessionEngineTypes.js'
import { SessionHandshake } from './engine/sessionHandshake.js'
import { type LifecycleSources, SessionLifecycle } from './engine/sessionLifecycle.js'
import { SessionTimer } from './engine/timers.js'
import { asSessionError, withTimingDefaults } from './engine/timingDefaults.js'
import { createSocketIoTransport } from './relayTransport.js'
import {
  type ControlMessage,
  encodeSessionMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from './rpc.js'
import { createSecureChannel, peerDirection, type UnackedFrame } from './secureChannel.js'

export type {
  RelaySessionState,
  RelayTimingOptions,
  SessionCloseOptions,
  SessionEngine,
  SessionEngineMessage,
  SessionEngineParameters,
} from './engine/sessionEngineTypes.js'
export type { RelaySessionStatus } from './engine/sessionStatus.js'
export type { SessionTimers } from './engine/timers.js'

const closeWaitMs = 1_500

/**
 * The protocol engine both sides share: a thin shell that wires relay membership (`engine/membership.ts`),
 * the role's handshake (`engine/dappHandshake.ts`, `engine/walletHandshake.ts`), delivery
 * (`engine/delivery.ts`) and the derived status (`engine/sessionStatus.ts`) to the transport and the timers.
 */
export function createSessionEngine(parameters: SessionEngineParameters): SessionEngine {
  const { role, channelId, secret, dappPublicKey } = parameters
  const { timers, handshakeTimeoutMs, retryIntervalMs, peerTimeoutMs, relayTimeoutMs } =
    withTimingDefaults(parameters)
  const ownDirection = role === 'dapp' ? direction.dappToWallet : direction.walletToDapp
  const receiveDirection = peerDirection(ownDirection)
  const channel = encodeBase64Url(channelId)
  const report = (error: unknown) => parameters.onError?.(asSessionError(error))

  const lifecycle: SessionLifecycle = new SessionLifecycle(
    (): ReturnType<LifecycleSources> => ({
      handshake: handshake.status,
      joined: membership.joined,
      everJoined: membership.everJoined,
    }),
    timers,
    peerTimeoutMs,
    () => void close(role === 'dapp' ? 'wallet-gone' : 'dapp-gone', { leave: false }),
  )
  const updateStatus = (alsoChanged?: Partial<RelaySessionState>) => lifecycle.update(alsoChanged)

  const transport = (parameters.transport ?? createSocketIoTransport)(
    parameters.relayUrl,
    parameters.socketOptions,
  )
  let unsubscribe: (() => void) | undefined

  let peerEventsAtJoin = 0
  const membership: Membership = new Membership({
    channel,
    channelId,
    secret,
    credentials:
      parameters.role === 'dapp' ? { role: 'dapp', dappToken: parameters.dappToken } : { role: 'wallet' },
    transport,
    timers,
    retryIntervalMs,
    relayTimeoutMs,
    report,
    mayJoin: () => !lifecycle.cleared && !lifecycle.selfPaused,
    onJoinSent: () => {
      peerEventsAtJoin = lifecycle.peerEvents
    },
    onJoined(peerPresent, maxFramesPerSend) {
      // The relay answers our `join` before it tells us of a peer that joins or leaves after it, but the
      // answer's continuation can run after that `peer` event was handled: then the event is newer and wins.
      if (lifecycle.peerEvents === peerEventsAtJoin) lifecycle.peerPresent = peerPresent
      delivery.joined(maxFramesPerSend)
      updateStatus()
      handshake.joined()
      delivery.resendUnacked()
    },
  })
  const delivery = new Delivery({
    channel,
    transport,
    timers,
    retryIntervalMs,
    relayTimeoutMs,
    report,
    isJoined: () => membership.joined,
    isClosing: () => lifecycle.closing,
    onMembershipLost() {
      membership.joined = false
      updateStatus()
      void membership.join()
    },
  })
  const handshake: SessionHandshake = new SessionHandshake({
    role:
      parameters.role === 'dapp'
        ? { role: 'dapp', dappSecretKey: parameters.dappSecretKey }
        : { role: 'wallet' },
    channelId,
    secret,
    dappPublicKey,
    timers,
    retryIntervalMs,
    handshakeTimeoutMs,
    report,
    send: (frame) => delivery.sendEphemeral(frame),
    isJoined: () => membership.joined,
    onStarted: () => updateStatus(),
    onVerificationCode: (verificationCode) => lifecycle.store.setState({ verificationCode }),
    // The wallet rejoins with its session token as soon as it has one; the dapp pairs the channel only once
    // complete, when the wallet's DNE has shown that it holds the token too (docs/protocol.md section 3).
    onKeysAgreed(keys) {
      if (role === 'wallet') void membership.pair(keys.walletSessionToken).catch(report)
    },
    onComplete(keys, verificationCode) {
      void membership.pair(keys.walletSessionToken).catch(report)
      const secure = createSecureChannel({ channelId, direction: ownDirection, ...keys })
      delivery.attach(secure, () => lifecycle.peerReachable)
      updateStatus(verificationCode === undefined ? {} : { verificationCode })
    },
    async afterComplete() {
      for (const frame of delivery.takeEarlyFrames()) await router.handleSecureFrame(frame).catch(report)
    },
    onTimedOut() {
      // The dapp deletes the channel; a wallet only leaves it, so the dapp's own timeout reports it.
      void close('handshake-timeout', {
        leave: true,
        keepChannel: role === 'wallet',
        error: new HandshakeTimeoutError(handshakeTimeoutMs),
      })
    },
    onFailed(error) {
      void close('handshake-failed', { leave: true, keepChannel: role === 'wallet', error })
    },
  })

  const router = createRelayEventRouter({
    role,
    channel,
    channelId,
    receiveDirection,
    lifecycle,
    membership,
    delivery,
    handshake,
    report,
    updateStatus: () => updateStatus(),
    close: (reason, options) => close(reason, options),
    onMessage: parameters.onMessage,
  })

  // --- public surface

  function start(): void {
    if (lifecycle.started) return
    lifecycle.started = true
    unsubscribe = transport.subscribe(router.onTransportEvent)
    if (role === 'wallet') handshake.startTimers()
    transport.open()
    if (transport.connected) void membership.join()
  }

  function send(message: JsonRpcRequest | JsonRpcResponse | ControlMessage): Promise<number> {
    let plaintext: Uint8Array
    try {
      plaintext = encodeFrameSizedMessage(message)
    } catch (error) {
      return Promise.reject(error)
    }
    const closedError = () => new SessionClosedError(lifecycle.store.getState().reason ?? 'disconnected')
    return delivery.seal(plaintext, handshake.done, closedError).catch((error: unknown) => {
      if (error instanceof SessionOverflowError) void close('overflow', { leave: true, error })
      throw error
    })
  }

  async function pause(): Promise<void> {
    if (lifecycle.cleared || lifecycle.selfPaused || handshake.status !== 'complete') return
    const seq = await send({ type: 'pause' })
    await delivery.waitRelayed(seq, closeWaitMs)
    if (lifecycle.cleared) return
    lifecycle.selfPaused = true
    membership.lost()
    delivery.left()
    transport.close()
    updateStatus()
  }

  function resume(): void {
    if (lifecycle.cleared || !lifecycle.selfPaused) return
    lifecycle.selfPaused = false
    updateStatus()
    transport.open()
    if (transport.connected) void membership.join()
    void send({ type: 'resume' }).catch(() => {})
  }

  async function close(reason: SessionCloseReason, options: SessionCloseOptions): Promise<void> {
    if (lifecycle.cleared || lifecycle.closing) return
    lifecycle.closing = true
    try {
      if (options.terminate && handshake.status === 'complete' && membership.joined && delivery.channel) {
        const bounded = new SessionTimer(timers)
        const seq = await Promise.race([
          send({ type: 'terminate', reason }),
          new Promise<undefined>((resolve) => bounded.arm(closeWaitMs, () => resolve(undefined))),
        ])
          .catch(() => undefined)
          .finally(() => bounded.clear())
        if (seq !== undefined) await delivery.waitRelayed(seq, closeWaitMs)
      }
      if (options.leave && membership.joined)
        await transport
          .call(
            'leave',
            { channel, close: options.keepChannel !== true },
            Math.min(relayTimeoutMs, closeWaitMs),
          )
          .catch(() => {})
    } finally {
      finish(reason, options.error)
    }
  }

  function closeNow(reason: SessionCloseReason, presealed: UnackedFrame | undefined): void {
    if (lifecycle.cleared) return
    const secure = delivery.channel
    if (presealed && secure && membership.joined && secure.commit(presealed))
      transport.call('send', { channel, frame: presealed.frame }, relayTimeoutMs).catch(() => {})
    if (membership.joined) transport.call('leave', { channel, close: true }, relayTimeoutMs).catch(() => {})
    finish(reason, undefined)
  }

  async function presealTerminate(reason: SessionCloseReason): Promise<UnackedFrame | undefined> {
    const secure = delivery.channel
    if (!secure || lifecycle.cleared) return undefined
    return secure.sealAhead(encodeSessionMessage({ type: 'terminate', reason }))
  }

  function finish(reason: SessionCloseReason, error: SessionClosedError | undefined): void {
    if (lifecycle.cleared) return
    lifecycle.cleared = true
    membership.stop()
    // Drops the secure channel and the handshake secrets as soon as the session is over.
    delivery.stop()
    const closedError = error ?? new SessionClosedError(reason)
    handshake.stop(closedError)
    unsubscribe?.()
    transport.close()
    lifecycle.clear(reason)
    parameters.onClose?.(closedError)
  }

  return {
    start,
    send,
    pause,
    resume,
    close,
    closeNow,
    presealTerminate,
    handshake: handshake.done,
    getState: lifecycle.store.getState,
    watchState: lifecycle.store.subscribe,
    get lastSent(): number {
      return delivery.channel?.lastSent ?? 0
    },
  }
}

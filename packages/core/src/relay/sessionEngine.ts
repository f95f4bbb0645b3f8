import { DapplinkError } from '../errors/base.js'
import {
  HandshakeTimeoutError,
  MessageTooLargeError,
  RelayRequestError,
  SessionClosedError,
  type SessionCloseReason,
  SessionOverflowError,
  UnexpectedFrameError,
} from '../errors/relay.js'
import { createStore } from '../store/createStore.js'
import { encodeBase64Url } from './base64url.js'
import { direction, frameType, gcmTagLength, headerLength, ivLength, maxFrameLength } from './constants.js'
import { Delivery } from './engine/delivery.js'
import { EarlyFrames } from './engine/earlyFrames.js'
import { createHandshakeDriver } from './engine/handshakeDriver.js'
import type { SessionKeys } from './engine/handshakeStep.js'
import { Membership } from './engine/membership.js'
import type {
  RelaySessionState,
  SessionCloseOptions,
  SessionEngine,
  SessionEngineParameters,
} from './engine/sessionEngineTypes.js'
import { deriveSessionStatus, isPeerMissing, type SessionStatusInputs } from './engine/sessionStatus.js'
import { SessionTimer, systemTimers } from './engine/timers.js'
import { decodeFrame, type Frame } from './frame.js'
import { deriveAuthKey } from './pairingKeys.js'
import { createSocketIoTransport, type RelayTransportEvent } from './relayTransport.js'
import {
  type ControlMessage,
  encodeSessionMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
  parseSessionMessage,
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
const maxPlaintextLength = maxFrameLength - headerLength - ivLength - gcmTagLength

/**
 * The protocol engine both sides share: a thin shell that wires relay membership (`engine/membership.ts`),
 * the role's handshake (`engine/dappHandshake.ts`, `engine/walletHandshake.ts`), delivery
 * (`engine/delivery.ts`) and the derived status (`engine/sessionStatus.ts`) to the transport and the timers.
 */
export function createSessionEngine(parameters: SessionEngineParameters): SessionEngine {
  const { role, channelId, secret, dappPublicKey } = parameters
  const timers = parameters.timers ?? systemTimers
  const handshakeTimeoutMs = parameters.handshakeTimeoutMs ?? 10_000
  const retryIntervalMs = parameters.retryIntervalMs ?? 1_000
  const peerTimeoutMs = parameters.peerTimeoutMs ?? 30_000
  const relayTimeoutMs = parameters.relayTimeoutMs ?? 5_000
  const ownDirection = role === 'dapp' ? direction.dappToWallet : direction.walletToDapp
  const receiveDirection = peerDirection(ownDirection)
  const channel = encodeBase64Url(channelId)
  const report = (error: unknown) => {
    parameters.onError?.(
      error instanceof DapplinkError
        ? error
        : new DapplinkError('Unexpected error in the relay session.', { cause: error }),
    )
  }

  const store = createStore<RelaySessionState>({
    status: 'connecting',
    reason: undefined,
    verificationCode: undefined,
  })
  // What the status is derived from, besides membership (see sessionStatus.ts).
  const flags = {
    started: false,
    closing: false,
    cleared: false,
    selfPaused: false,
    peerPaused: false,
    peerPresent: false,
  }
  let handshakePhase: SessionStatusInputs['handshake'] = 'notStarted'
  let resolveHandshake: () => void = () => {}
  let rejectHandshake: (error: SessionClosedError) => void = () => {}
  const handshake = new Promise<void>((resolve, reject) => {
    resolveHandshake = resolve
    rejectHandshake = reject
  })
  handshake.catch(() => {})

  const handshakeTimer = new SessionTimer(timers)
  const retryTimer = new SessionTimer(timers)
  const peerTimer = new SessionTimer(timers)
  const earlyFrames = new EarlyFrames()
  let inbound: Promise<void> = Promise.resolve()
  let outbound: Promise<unknown> = Promise.resolve()

  const transport = (parameters.transport ?? createSocketIoTransport)(
    parameters.relayUrl,
    parameters.socketOptions,
  )
  let unsubscribe: (() => void) | undefined

  const membership = new Membership({
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
    mayJoin: () => !flags.cleared && !flags.selfPaused,
    onJoined(peerPresent) {
      flags.peerPresent = peerPresent
      updateStatus()
      void handshakeDriver.feed({ type: 'joined', now: timers.now() }).catch(report)
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
    isClosing: () => flags.closing,
    onMembershipLost() {
      membership.joined = false
      updateStatus()
      void membership.join()
    },
  })

  let authKey: Promise<Uint8Array> | undefined
  const handshakeAuthKey = () => {
    authKey ??= deriveAuthKey(secret, channelId)
    return authKey
  }
  const handshakeDriver = createHandshakeDriver(
    parameters.role === 'dapp'
      ? { role: 'dapp', dappSecretKey: parameters.dappSecretKey }
      : { role: 'wallet' },
    async () => ({ channelId, dappPublicKey, authKey: await handshakeAuthKey() }),
    retryIntervalMs,
    () => timers.now(),
    {
      send: (frame) => delivery.sendEphemeral(frame),
      report,
      started(verificationCode) {
        handshakePhase = 'started'
        updateStatus(verificationCode === undefined ? {} : { verificationCode })
        if (role === 'dapp') startHandshakeTimers()
      },
      verificationCode: (verificationCode) => store.setState({ verificationCode }),
      complete: completeHandshake,
      timedOut() {
        // The dapp deletes the channel; a wallet only leaves it, so the dapp's own timeout reports it.
        void close('handshake-timeout', {
          leave: true,
          keepChannel: role === 'wallet',
          error: new HandshakeTimeoutError(handshakeTimeoutMs),
        })
      },
    },
  )

  function statusInputs(): SessionStatusInputs {
    return {
      cleared: flags.cleared,
      selfPaused: flags.selfPaused,
      handshake: handshakePhase,
      joined: membership.joined,
      everJoined: membership.everJoined,
      peerPaused: flags.peerPaused,
      peerPresent: flags.peerPresent,
    }
  }

  function updateStatus(alsoChanged: Partial<RelaySessionState> = {}): void {
    const inputs = statusInputs()
    if (isPeerMissing(inputs))
      peerTimer.armOnce(
        peerTimeoutMs,
        () => void close(role === 'dapp' ? 'wallet-gone' : 'dapp-gone', { leave: false }),
      )
    else peerTimer.clear()
    store.setState({ ...alsoChanged, status: deriveSessionStatus(inputs) })
  }

  function startHandshakeTimers(): void {
    if (handshakeTimer.armed) return
    handshakeTimer.arm(handshakeTimeoutMs, () => void handshakeDriver.feed({ type: 'timeout' }).catch(report))
    retryTimer.repeat(retryIntervalMs, () => {
      void handshakeDriver
        .feed({ type: 'retryTick', now: timers.now(), joined: membership.joined })
        .catch(report)
    })
  }

  async function completeHandshake(keys: SessionKeys): Promise<void> {
    const secure = createSecureChannel({
      channelId,
      direction: ownDirection,
      sendKey: keys.sendKey,
      receiveKey: keys.receiveKey,
    })
    delivery.attach(secure, () => flags.peerPresent && !flags.peerPaused && !flags.selfPaused)
    handshakePhase = 'complete'
    handshakeTimer.clear()
    retryTimer.clear()
    updateStatus()
    resolveHandshake()
    for (const frame of earlyFrames.takeAll()) await handleSecureFrame(frame).catch(report)
  }

  async function handleSecureFrame(frame: Frame): Promise<void> {
    const secure = delivery.channel
    // A DATA frame that overtook the handshake (a lost DNE): held, bounded, until the handshake is done.
    if (!secure) return earlyFrames.hold(frame)
    const result = await secure.open(frame)
    if (result.kind === 'ack') return
    // A duplicate: the peer re-sent it, so it may have missed our acknowledgement.
    delivery.scheduleAck(result.kind === 'duplicate')
    if (result.kind === 'duplicate') return
    const message = parseSessionMessage(result.plaintext)
    if (message.kind === 'control') handleControl(message.control)
    else parameters.onMessage(message)
  }

  function handleControl(control: ControlMessage): void {
    if (control.type === 'terminate') {
      // Also cuts short our own close, if one is waiting for the relay.
      delivery.releaseWaiters()
      void close('terminated', { leave: false })
      return
    }
    if (role !== 'dapp') return
    flags.peerPaused = control.type === 'pause'
    updateStatus()
  }

  // --- relay events, processed one at a time in arrival order

  function onTransportEvent(event: RelayTransportEvent): void {
    if (flags.cleared) return
    if (event.type === 'connect') return void membership.join()
    if (event.type === 'disconnect') {
      membership.lost()
      updateStatus()
      return
    }
    inbound = inbound.then(() => handleRelayEvent(event)).catch(report)
  }

  async function handleRelayEvent(
    event: Exclude<RelayTransportEvent, { type: 'connect' | 'disconnect' }>,
  ): Promise<void> {
    if (flags.cleared) return
    const record =
      typeof event.payload === 'object' && event.payload !== null
        ? (event.payload as Record<string, unknown>)
        : undefined
    if (event.type === 'relay_error') {
      const code = typeof record?.['code'] === 'string' ? record['code'] : 'unknown'
      const message = String(record?.['message'] ?? code).slice(0, 200)
      return report(new RelayRequestError(`The relay reported an error: ${message}`, code))
    }
    if (!record || record['channel'] !== channel)
      return report(new UnexpectedFrameError(`Ignored a malformed "${event.type}" event from the relay.`))
    if (event.type === 'peer') {
      if (typeof record['present'] !== 'boolean') return
      const wasPresent = flags.peerPresent
      flags.peerPresent = record['present']
      updateStatus()
      // The peer came back: its relay node may have lost our queued frames, so re-send them.
      if (flags.peerPresent && !wasPresent && membership.joined) delivery.resendUnacked()
      return
    }
    if (event.type === 'closed') {
      delivery.releaseWaiters()
      void close(record['reason'] === 'expired' ? 'expired' : 'terminated', { leave: false })
      return
    }
    try {
      const frame = decodeFrame(record['frame'], { channelId, direction: receiveDirection })
      if (frame.type < frameType.data) await handshakeDriver.feed({ type: 'frame', frame, now: timers.now() })
      else await handleSecureFrame(frame)
    } catch (error) {
      report(error)
    } finally {
      // Every processed frame, accepted or not, leaves the relay queue.
      delivery.releaseRelayQueue(record['id'])
    }
  }

  // --- public surface

  function start(): void {
    if (flags.started) return
    flags.started = true
    unsubscribe = transport.subscribe(onTransportEvent)
    if (role === 'wallet') startHandshakeTimers()
    transport.open()
    if (transport.connected) void membership.join()
  }

  function send(message: JsonRpcRequest | JsonRpcResponse | ControlMessage): Promise<number> {
    const plaintext = encodeSessionMessage(message)
    if (plaintext.length > maxPlaintextLength)
      return Promise.reject(
        new MessageTooLargeError(
          `The message has ${plaintext.length} bytes; at most ${maxPlaintextLength} fit in a frame.`,
          {
            details: 'Send fewer or smaller transactions per request.',
          },
        ),
      )
    const sealed = outbound.then(async () => {
      await handshake
      const secure = delivery.channel
      if (flags.cleared || !secure) throw new SessionClosedError(store.getState().reason ?? 'disconnected')
      let entry: UnackedFrame
      try {
        entry = await secure.seal(plaintext)
      } catch (error) {
        if (error instanceof SessionOverflowError) void close('overflow', { leave: true, error })
        throw error
      }
      delivery.noteSealed()
      return entry.seq
    })
    outbound = sealed.catch(() => {})
    return sealed
  }

  async function pause(): Promise<void> {
    if (flags.cleared || flags.selfPaused || handshakePhase !== 'complete') return
    const seq = await send({ type: 'pause' })
    await delivery.waitRelayed(seq, closeWaitMs)
    if (flags.cleared) return
    flags.selfPaused = true
    membership.lost()
    transport.close()
    updateStatus()
  }

  function resume(): void {
    if (flags.cleared || !flags.selfPaused) return
    flags.selfPaused = false
    updateStatus()
    transport.open()
    if (transport.connected) void membership.join()
    void send({ type: 'resume' }).catch(() => {})
  }

  async function close(reason: SessionCloseReason, options: SessionCloseOptions): Promise<void> {
    if (flags.cleared || flags.closing) return
    flags.closing = true
    try {
      if (options.terminate && handshakePhase === 'complete' && membership.joined && delivery.channel) {
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
    if (flags.cleared) return
    const secure = delivery.channel
    if (presealed && secure && membership.joined && secure.commit(presealed))
      transport.call('send', { channel, frame: presealed.frame }, relayTimeoutMs).catch(() => {})
    if (membership.joined) transport.call('leave', { channel, close: true }, relayTimeoutMs).catch(() => {})
    finish(reason, undefined)
  }

  async function presealTerminate(reason: SessionCloseReason): Promise<UnackedFrame | undefined> {
    const secure = delivery.channel
    if (!secure || flags.cleared) return undefined
    return secure.sealAhead(encodeSessionMessage({ type: 'terminate', reason }))
  }

  function finish(reason: SessionCloseReason, error: SessionClosedError | undefined): void {
    if (flags.cleared) return
    flags.cleared = true
    for (const timer of [handshakeTimer, retryTimer, peerTimer]) timer.clear()
    membership.stop()
    // Drops the secure channel, and with it the key material, as soon as the session is over.
    delivery.stop()
    authKey = undefined
    unsubscribe?.()
    transport.close()
    const closedError = error ?? new SessionClosedError(reason)
    rejectHandshake(closedError)
    store.setState({ status: 'cleared', reason })
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
    handshake,
    getState: store.getState,
    watchState: store.subscribe,
    get lastSent(): number {
      return delivery.channel?.lastSent ?? 0
    },
  }
}

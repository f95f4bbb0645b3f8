import { DapplinkError } from '../errors/base.js'
import {
  HandshakeAuthenticationError,
  HandshakeTimeoutError,
  MessageTooLargeError,
  RelayRequestError,
  SessionClosedError,
  type SessionCloseReason,
  SessionOverflowError,
  UnexpectedFrameError,
} from '../errors/relay.js'
import { encodeBase64Url } from './base64url.js'
import { constantTimeEqual } from './bytes.js'
import {
  type Direction,
  direction,
  frameType,
  gcmTagLength,
  headerLength,
  ivLength,
  maxFrameLength,
  type RelayRole,
} from './constants.js'
import { decodeFrame, type Frame } from './frame.js'
import {
  createDone,
  createHello,
  createKey,
  openDone,
  openHello,
  openKey,
  transcriptHash,
} from './handshake.js'
import { joinRetryDelayMs } from './joinRetryDelay.js'
import { deriveAuthKey, deriveWalletToken, hashToken } from './pairingKeys.js'
import {
  createSocketIoTransport,
  type RelayTransport,
  type RelayTransportEvent,
  type RelayTransportFactory,
  type SocketIoOptions,
} from './relayTransport.js'
import {
  type ControlMessage,
  encodeSessionMessage,
  type JsonRpcRequest,
  type JsonRpcResponse,
  parseSessionMessage,
} from './rpc.js'
import { createSecureChannel, peerDirection, type SecureChannel, type UnackedFrame } from './secureChannel.js'
import { computeVerificationCode } from './verificationCode.js'
import { importAesKey } from './webCrypto.js'

/** Lifecycle states (docs/protocol.md section 7). */
export type RelaySessionStatus =
  | 'connecting'
  | 'handshaking'
  | 'connected'
  | 'paused'
  | 'reconnecting'
  | 'cleared'

/** A snapshot of a session's state; the same object until something changes. */
export type RelaySessionState = {
  readonly status: RelaySessionStatus
  /** Why the session was cleared; undefined until then. */
  readonly reason: SessionCloseReason | undefined
  /** The six-digit code both sides show once the handshake is done. */
  readonly verificationCode: string | undefined
}

/** Timing knobs shared by both sides; every wait in a session is bounded by one of them. */
export type RelayTimingOptions = {
  /** How long the handshake may take from its first frame (default 10 000 ms). */
  handshakeTimeoutMs?: number | undefined
  /** Interval of handshake re-sends and relay retries (default 1 000 ms). */
  retryIntervalMs?: number | undefined
  /** How long the peer may be away without a `pause` before the session ends (default 30 000 ms). */
  peerTimeoutMs?: number | undefined
  /** How long to wait for the relay to answer one event (default 5 000 ms). */
  relayTimeoutMs?: number | undefined
}

export type SessionEngineParameters = RelayTimingOptions & {
  role: RelayRole
  relayUrl: string
  channelId: Uint8Array
  secret: Uint8Array
  dappPublicKey: Uint8Array
  /** Dapp only: its ECIES secret key and its relay token. */
  dappSecretKey?: Uint8Array | undefined
  dappToken?: Uint8Array | undefined
  transport?: RelayTransportFactory | undefined
  socketOptions?: SocketIoOptions | undefined
  /** Every JSON-RPC request or response from the peer, once, in order. */
  onMessage: (
    message: { kind: 'request'; request: JsonRpcRequest } | { kind: 'response'; response: JsonRpcResponse },
  ) => void
  /** Frames and events that were rejected (typed), relay errors. The session goes on. */
  onError?: ((error: DapplinkError) => void) | undefined
  /** Called once when the session is cleared. */
  onClose?: ((error: SessionClosedError) => void) | undefined
}

export type SessionEngine = ReturnType<typeof createSessionEngine>

const maxEarlyFrames = 64
const maxRetransmits = 5
const ackDelayMs = 50
const closeWaitMs = 1_500
const maxPlaintextLength = maxFrameLength - headerLength - ivLength - gcmTagLength

/**
 * The protocol engine both sides share: joins the relay channel, runs the authenticated handshake with
 * re-sends and a timeout, seals and opens DATA frames, acknowledges, re-sends after reconnects, and tracks
 * the lifecycle. The dapp session and the wallet session are thin layers over it.
 */
export function createSessionEngine(parameters: SessionEngineParameters) {
  const { role, relayUrl, channelId, secret, dappPublicKey } = parameters
  const handshakeTimeoutMs = parameters.handshakeTimeoutMs ?? 10_000
  const retryIntervalMs = parameters.retryIntervalMs ?? 1_000
  const peerTimeoutMs = parameters.peerTimeoutMs ?? 30_000
  const relayTimeoutMs = parameters.relayTimeoutMs ?? 5_000
  const ownDirection: Direction = role === 'dapp' ? direction.dappToWallet : direction.walletToDapp
  const receiveDirection = peerDirection(ownDirection)
  const channel = encodeBase64Url(channelId)
  const report = (error: unknown) => {
    if (!parameters.onError) return
    parameters.onError(
      error instanceof DapplinkError
        ? error
        : new DapplinkError('Unexpected error in the relay session.', { cause: error }),
    )
  }

  // --- lifecycle state
  let state: RelaySessionState = { status: 'connecting', reason: undefined, verificationCode: undefined }
  const listeners = new Set<(state: RelaySessionState, previous: RelaySessionState) => void>()
  let started = false
  let closing = false
  let cleared = false
  let everJoined = false
  let joined = false
  let peerPresent = false
  let peerPaused = false
  let selfPaused = false
  let handshakeStarted = false
  let handshakeComplete = false

  // --- handshake material (memory only)
  let authKey: Uint8Array | undefined
  let tokens: { join: string; dappHash?: string; walletHash?: string } | undefined
  let hello: Uint8Array | undefined
  let walletSecretKey: Uint8Array | undefined
  let keyFrame: Uint8Array | undefined
  let ownDone: Uint8Array | undefined
  let peerDone: Uint8Array | undefined
  let transcript: Uint8Array | undefined
  let sendKey: CryptoKey | undefined
  let receiveKey: CryptoKey | undefined
  let secure: SecureChannel | undefined
  let lastHandshakeSendAt = 0
  let resolveHandshake!: () => void
  let rejectHandshake!: (error: SessionClosedError) => void
  const handshake = new Promise<void>((resolve, reject) => {
    resolveHandshake = resolve
    rejectHandshake = reject
  })
  handshake.catch(() => {})

  // --- timers
  let handshakeTimer: ReturnType<typeof setTimeout> | undefined
  let retryTimer: ReturnType<typeof setInterval> | undefined
  let peerTimer: ReturnType<typeof setTimeout> | undefined
  let rejoinTimer: ReturnType<typeof setTimeout> | undefined
  let ackTimer: ReturnType<typeof setTimeout> | undefined
  let retransmitTimer: ReturnType<typeof setInterval> | undefined
  let retransmitWatch = { seq: 0, rounds: 0 }

  // --- frames
  let inbound: Promise<void> = Promise.resolve()
  let outbound: Promise<unknown> = Promise.resolve()
  const earlyFrames: Frame[] = []
  let relayedUpTo = 0
  let pumping = false
  let lastAckSent = 0
  const relayedWaiters = new Set<{ seq: number; resolve: () => void }>()

  const transport: RelayTransport = (parameters.transport ?? createSocketIoTransport)(
    relayUrl,
    parameters.socketOptions,
  )
  let unsubscribe: (() => void) | undefined

  function setState(patch: Partial<RelaySessionState>): void {
    const next = { ...state, ...patch }
    if (
      next.status === state.status &&
      next.reason === state.reason &&
      next.verificationCode === state.verificationCode
    )
      return
    const previous = state
    state = next
    for (const listener of [...listeners]) listener(state, previous)
  }

  function deriveStatus(): RelaySessionStatus {
    if (cleared) return 'cleared'
    if (selfPaused) return 'paused'
    if (!handshakeComplete) {
      if (everJoined && !joined) return 'reconnecting'
      return handshakeStarted ? 'handshaking' : 'connecting'
    }
    if (!joined) return 'reconnecting'
    if (peerPaused) return 'paused'
    if (!peerPresent) return 'reconnecting'
    return 'connected'
  }

  function updateStatus(): void {
    const status = deriveStatus()
    // The peer timer runs while a finished session cannot reach a peer that did not say `pause`.
    const peerMissing =
      handshakeComplete && !cleared && !selfPaused && !peerPaused && !(joined && peerPresent)
    if (peerMissing && !peerTimer)
      peerTimer = setTimeout(() => {
        peerTimer = undefined
        void close(role === 'dapp' ? 'wallet-gone' : 'dapp-gone', { leave: false })
      }, peerTimeoutMs)
    if (!peerMissing && peerTimer) {
      clearTimeout(peerTimer)
      peerTimer = undefined
    }
    setState({ status })
  }

  // --- relay membership

  async function ensureSecrets(): Promise<void> {
    if (tokens) return
    authKey = await deriveAuthKey(secret, channelId)
    const walletToken = await deriveWalletToken(secret, channelId)
    if (role === 'dapp') {
      const dappToken = parameters.dappToken!
      tokens = {
        join: encodeBase64Url(dappToken),
        dappHash: await hashToken(dappToken),
        walletHash: await hashToken(walletToken),
      }
    } else tokens = { join: encodeBase64Url(walletToken) }
  }

  function answerError(answer: unknown): { code: string; message: string } | undefined {
    if (typeof answer === 'object' && answer !== null && (answer as { ok?: unknown }).ok === true)
      return undefined
    const error = (answer as { error?: { code?: unknown; message?: unknown } } | null)?.error
    return {
      code: typeof error?.code === 'string' ? error.code : 'bad_answer',
      message: typeof error?.message === 'string' ? error.message : 'The relay gave no usable answer.',
    }
  }

  let joining = false
  let earlyJoinRefusals = 0
  async function join(): Promise<void> {
    clearTimeout(rejoinTimer)
    if (cleared || selfPaused || joining || !transport.connected) return
    joining = true
    try {
      await ensureSecrets()
      if (role === 'dapp') {
        // The dapp re-creates the channel on every connection: a restarted relay may have forgotten it.
        const created = await transport.call(
          'create',
          { v: 1, channel, dappTokenHash: tokens!.dappHash, walletTokenHash: tokens!.walletHash },
          relayTimeoutMs,
        )
        const error = answerError(created)
        if (error)
          throw new RelayRequestError(`The relay refused to create the channel: ${error.message}`, error.code)
      }
      const answer = await transport.call(
        'join',
        { v: 1, channel, role, token: tokens!.join },
        relayTimeoutMs,
      )
      const error = answerError(answer)
      if (error)
        throw new RelayRequestError(`The relay refused to join the channel: ${error.message}`, error.code)
      if (cleared || !transport.connected) return
      joined = true
      everJoined = true
      earlyJoinRefusals = 0
      peerPresent = (answer as { peer?: unknown }).peer === true
      updateStatus()
      afterJoin()
    } catch (error) {
      if (cleared) return
      // A wallet may come before the dapp (re-)created the channel: expected, so not reported.
      const early =
        role === 'wallet' && error instanceof RelayRequestError && error.relayCode === 'unknown_channel'
      if (!early) report(error)
      // Retried until the handshake or peer timeout ends the session.
      const delay = joinRetryDelayMs(retryIntervalMs, early ? earlyJoinRefusals++ : undefined)
      if (transport.connected) rejoinTimer = setTimeout(() => void join(), delay)
    } finally {
      joining = false
    }
  }

  function afterJoin(): void {
    if (role === 'wallet' && !handshakeComplete) void startWalletHandshake()
    else if (!handshakeComplete && keyFrame) void sendHandshakeFrames()
    resendUnacked()
  }

  function resendUnacked(): void {
    if (!secure) return
    relayedUpTo = (secure.unacked[0]?.seq ?? secure.lastSent + 1) - 1
    void pump()
  }

  /** Hands unacknowledged DATA frames to the relay in order, one at a time, so the relay queue keeps the order. */
  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    try {
      for (let attempt = 0; joined && !cleared && secure; ) {
        const next = secure.unacked.find((entry) => entry.seq > relayedUpTo)
        if (!next) break
        try {
          const answer = await transport.call('send', { channel, frame: next.frame }, relayTimeoutMs)
          const error = answerError(answer)
          if (!error) {
            relayedUpTo = Math.max(relayedUpTo, next.seq)
            attempt = 0
            for (const waiter of [...relayedWaiters]) if (waiter.seq <= relayedUpTo) waiter.resolve()
            continue
          }
          if (error.code === 'not_member' || error.code === 'unknown_channel') {
            // Handled by re-joining (not reported: at the end of a session the peer may have closed the
            // channel a moment before; a lasting failure ends in the peer timeout).
            if (closing) {
              releaseWaiters()
              break
            }
            joined = false
            updateStatus()
            void join()
            break
          }
          report(new RelayRequestError(`The relay refused a frame: ${error.message}`, error.code))
          // queue_full, rate_limited, unavailable: wait and retry the same frame, at most 30 times per frame.
          if (++attempt > 30) break
          await new Promise((resolve) => setTimeout(resolve, retryIntervalMs))
        } catch {
          // Offline or no answer: the reconnect re-joins and re-sends from the first unacknowledged frame.
          break
        }
      }
    } finally {
      pumping = false
    }
  }

  function releaseWaiters(): void {
    for (const waiter of [...relayedWaiters]) waiter.resolve()
  }

  function waitRelayed(seq: number, timeoutMs: number): Promise<void> {
    if (relayedUpTo >= seq) return Promise.resolve()
    return new Promise((resolve) => {
      const waiter = {
        seq,
        resolve: () => {
          clearTimeout(timer)
          relayedWaiters.delete(waiter)
          resolve()
        },
      }
      const timer = setTimeout(waiter.resolve, timeoutMs)
      relayedWaiters.add(waiter)
    })
  }

  /** Best-effort send of a frame that is not re-sent after a reconnect (handshake and ACK frames). */
  function sendEphemeral(frame: Uint8Array): void {
    if (!joined) return
    transport
      .call('send', { channel, frame }, relayTimeoutMs)
      .then((answer) => {
        const error = answerError(answer)
        if (error) report(new RelayRequestError(`The relay refused a frame: ${error.message}`, error.code))
      })
      .catch(() => {})
  }

  // --- handshake

  function startHandshakeTimers(): void {
    if (handshakeTimer) return
    handshakeTimer = setTimeout(() => {
      // The dapp deletes the channel; a wallet only leaves it, so the dapp's own timeout reports it.
      if (!handshakeComplete)
        void close('handshake-timeout', {
          leave: true,
          keepChannel: role === 'wallet',
          error: new HandshakeTimeoutError(handshakeTimeoutMs),
        })
    }, handshakeTimeoutMs)
    retryTimer = setInterval(() => {
      if (!handshakeComplete) void sendHandshakeFrames()
    }, retryIntervalMs)
  }

  async function startWalletHandshake(): Promise<void> {
    if (hello || handshakeStarted) {
      await sendHandshakeFrames()
      return
    }
    handshakeStarted = true
    updateStatus()
    const created = await createHello({ channelId, dappPublicKey, authKey: authKey! })
    hello = created.frame
    walletSecretKey = created.walletSecretKey
    sendKey = await importAesKey(created.walletKey)
    await sendHandshakeFrames()
  }

  /** The frames this side re-sends until the handshake is done (section 4.1). */
  async function sendHandshakeFrames(): Promise<void> {
    if (!joined || handshakeComplete || cleared) return
    lastHandshakeSendAt = Date.now()
    if (role === 'wallet') {
      if (!keyFrame && hello) sendEphemeral(hello)
      else if (ownDone) sendEphemeral(ownDone)
    } else if (keyFrame && ownDone) {
      sendEphemeral(keyFrame)
      sendEphemeral(ownDone)
    }
  }

  // Repeated handshake frames are answered at most twice per retry interval, so a burst of queued
  // re-sends does not multiply.
  function answerRepeat(frames: Uint8Array[]): void {
    if (Date.now() - lastHandshakeSendAt < retryIntervalMs / 2) return
    lastHandshakeSendAt = Date.now()
    for (const frame of frames) sendEphemeral(frame)
  }

  async function handleHandshakeFrame(frame: Frame): Promise<void> {
    const same = (known: Uint8Array | undefined) =>
      known !== undefined && constantTimeEqual(known, frame.bytes)
    if (role === 'dapp') {
      if (frame.type === frameType.hello) {
        if (same(hello)) {
          if (!handshakeComplete) answerRepeat([keyFrame!, ownDone!])
          return
        }
        if (hello) throw unexpectedAfter('HELLO', 'a different HELLO arrived after the first valid one')
        const opened = await openHello({
          frame,
          dappPublicKey,
          dappSecretKey: parameters.dappSecretKey!,
          authKey: authKey!,
        })
        hello = frame.bytes
        handshakeStarted = true
        const created = await createKey({
          channelId,
          hello,
          walletPublicKey: opened.walletPublicKey,
          authKey: authKey!,
        })
        keyFrame = created.frame
        transcript = await transcriptHash(hello, keyFrame)
        sendKey = await importAesKey(created.dappKey)
        receiveKey = await importAesKey(opened.walletKey)
        ownDone = await createDone({
          channelId,
          direction: ownDirection,
          key: sendKey,
          transcriptHash: transcript,
        })
        const verificationCode = await computeVerificationCode(transcript)
        setState({ verificationCode, status: deriveStatus() })
        updateStatus()
        startHandshakeTimers()
        await sendHandshakeFrames()
        return
      }
      if (frame.type === frameType.done) {
        if (same(peerDone)) {
          // The wallet still waits for our DNE (section 4.1): answer it.
          answerRepeat([ownDone!])
          return
        }
        if (handshakeComplete) throw unexpectedAfter('DNE', 'a different DNE arrived after the handshake')
        if (!transcript || !receiveKey)
          throw new UnexpectedFrameError('A DNE arrived before any valid HELLO; dropped.')
        await openDone({ frame, key: receiveKey, transcriptHash: transcript })
        peerDone = frame.bytes
        await completeHandshake()
        return
      }
      throw new UnexpectedFrameError(`The dapp does not expect a frame of type ${frame.type}; dropped.`)
    }
    // wallet
    if (frame.type === frameType.key) {
      if (same(keyFrame)) {
        answerRepeat([ownDone!])
        return
      }
      if (keyFrame) throw unexpectedAfter('KEY', 'a different KEY arrived after the first valid one')
      if (!hello || !walletSecretKey)
        throw new UnexpectedFrameError('A KEY arrived before this wallet sent HELLO.')
      const opened = await openKey({ frame, hello, walletSecretKey, authKey: authKey! })
      keyFrame = frame.bytes
      transcript = await transcriptHash(hello, keyFrame)
      receiveKey = await importAesKey(opened.dappKey)
      ownDone = await createDone({
        channelId,
        direction: ownDirection,
        key: sendKey!,
        transcriptHash: transcript,
      })
      setState({ verificationCode: await computeVerificationCode(transcript) })
      lastHandshakeSendAt = Date.now()
      sendEphemeral(ownDone)
      return
    }
    if (frame.type === frameType.done) {
      if (same(peerDone)) return
      if (handshakeComplete) throw unexpectedAfter('DNE', 'a different DNE arrived after the handshake')
      if (!transcript || !receiveKey)
        throw new UnexpectedFrameError('A DNE arrived before a valid KEY; dropped.')
      await openDone({ frame, key: receiveKey, transcriptHash: transcript })
      peerDone = frame.bytes
      await completeHandshake()
      return
    }
    throw new UnexpectedFrameError(`The wallet does not expect a frame of type ${frame.type}; dropped.`)
  }

  function unexpectedAfter(name: string, what: string): DapplinkError {
    return handshakeComplete
      ? new UnexpectedFrameError(`A ${name} frame arrived after the handshake; dropped.`, { details: what })
      : new HandshakeAuthenticationError(`Rejected a ${name}: ${what}.`)
  }

  /**
   * The receiver acknowledges within 100 ms, so a frame the present, unpaused peer has not acknowledged
   * after two retry intervals was lost or dropped on the way (a reordering relay): re-send from it, a
   * bounded number of times per frame.
   */
  function checkRetransmit(): void {
    // Frames the pump gave up on (a relay refusing `send` for a long while) are tried again.
    if (joined && secure && secure.lastSent > relayedUpTo) void pump()
    const oldest = secure?.unacked[0]
    if (!oldest || !joined || !peerPresent || peerPaused || selfPaused || oldest.seq > relayedUpTo) {
      retransmitWatch = { seq: 0, rounds: 0 }
      return
    }
    if (retransmitWatch.seq !== oldest.seq) {
      retransmitWatch = { seq: oldest.seq, rounds: 0 }
      return
    }
    if (++retransmitWatch.rounds > maxRetransmits) return
    resendUnacked()
  }

  async function completeHandshake(): Promise<void> {
    secure = createSecureChannel({
      channelId,
      direction: ownDirection,
      sendKey: sendKey!,
      receiveKey: receiveKey!,
    })
    retransmitTimer = setInterval(checkRetransmit, retryIntervalMs * 2)
    handshakeComplete = true
    clearTimeout(handshakeTimer)
    clearInterval(retryTimer)
    updateStatus()
    resolveHandshake()
    const early = earlyFrames.splice(0)
    for (const frame of early) await handleSecureFrame(frame).catch(report)
  }

  // --- DATA and ACK

  function scheduleAck(force: boolean): void {
    if (ackTimer) return
    ackTimer = setTimeout(async () => {
      ackTimer = undefined
      if (!secure || cleared || (!force && secure.lastReceived <= lastAckSent)) return
      lastAckSent = secure.lastReceived
      sendEphemeral(await secure.sealAck())
    }, ackDelayMs)
  }

  async function handleSecureFrame(frame: Frame): Promise<void> {
    if (!secure) {
      // A DATA frame that overtook the handshake (a lost DNE): hold it, bounded, until the handshake is done.
      if (earlyFrames.length >= maxEarlyFrames)
        throw new UnexpectedFrameError('Too many DATA frames arrived before the handshake was done; dropped.')
      earlyFrames.push(frame)
      return
    }
    const result = await secure.open(frame)
    if (result.kind === 'ack') return
    if (result.kind === 'duplicate') {
      // The peer re-sent it, so it may have missed our acknowledgement.
      scheduleAck(true)
      return
    }
    scheduleAck(false)
    const message = parseSessionMessage(result.plaintext)
    if (message.kind === 'control') handleControl(message.control)
    else parameters.onMessage(message)
  }

  function handleControl(control: ControlMessage): void {
    if (control.type === 'terminate') {
      // Also cuts short our own close, if one is waiting for the relay.
      releaseWaiters()
      void close('terminated', { leave: false })
      return
    }
    if (role !== 'dapp') return
    peerPaused = control.type === 'pause'
    updateStatus()
  }

  // --- relay events, processed one at a time in arrival order

  function onTransportEvent(event: RelayTransportEvent): void {
    if (cleared) return
    if (event.type === 'connect') {
      void join()
      return
    }
    if (event.type === 'disconnect') {
      joined = false
      clearTimeout(rejoinTimer)
      updateStatus()
      return
    }
    inbound = inbound.then(() => handleRelayEvent(event)).catch(report)
  }

  async function handleRelayEvent(event: RelayTransportEvent): Promise<void> {
    if (cleared) return
    const payload = event.type === 'connect' || event.type === 'disconnect' ? undefined : event.payload
    const record =
      typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined
    if (event.type === 'relay_error') {
      const code = typeof record?.['code'] === 'string' ? record['code'] : 'unknown'
      report(
        new RelayRequestError(
          `The relay reported an error: ${String(record?.['message'] ?? code).slice(0, 200)}`,
          code,
        ),
      )
      return
    }
    if (!record || record['channel'] !== channel) {
      report(new UnexpectedFrameError(`Ignored a malformed "${event.type}" event from the relay.`))
      return
    }
    if (event.type === 'peer') {
      if (typeof record['present'] !== 'boolean') return
      const wasPresent = peerPresent
      peerPresent = record['present']
      updateStatus()
      // The peer came back: its relay node may have lost our queued frames, so re-send them.
      if (peerPresent && !wasPresent && joined) resendUnacked()
      return
    }
    if (event.type === 'closed') {
      releaseWaiters()
      void close(record['reason'] === 'expired' ? 'expired' : 'terminated', { leave: false })
      return
    }
    if (event.type !== 'frame') return
    const id = record['id']
    try {
      const frame = decodeFrame(record['frame'], { channelId, direction: receiveDirection })
      if (frame.type < frameType.data) await handleHandshakeFrame(frame)
      else await handleSecureFrame(frame)
    } catch (error) {
      report(error)
    } finally {
      // Every processed frame, accepted or not, leaves the relay queue. Not only increasing ids: a relay
      // restarted without Redis numbers its queue from 1 again.
      if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && joined)
        transport.call('ack', { channel, id }, relayTimeoutMs).catch(() => {})
    }
  }

  // --- public surface

  function start(): void {
    if (started) return
    started = true
    unsubscribe = transport.subscribe(onTransportEvent)
    if (role === 'wallet') startHandshakeTimers()
    transport.open()
    if (transport.connected) void join()
  }

  /**
   * Seals a message and queues it for the peer. Held (corked) until the handshake is done, then sent in
   * order. Resolves when the message is sealed and queued; rejects with `SessionClosedError` or
   * `MessageTooLargeError`.
   */
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
      if (cleared) throw new SessionClosedError(state.reason ?? 'disconnected')
      let entry: UnackedFrame
      try {
        entry = await secure!.seal(plaintext)
      } catch (error) {
        if (error instanceof SessionOverflowError) void close('overflow', { leave: true, error })
        throw error
      }
      lastAckSent = Math.max(lastAckSent, secure!.lastReceived)
      void pump()
      return entry.seq
    })
    outbound = sealed.catch(() => {})
    return sealed
  }

  /** Wallet: seals `pause`, waits until the relay queued it, then drops the socket (section 6). */
  async function pause(): Promise<void> {
    if (cleared || selfPaused || !handshakeComplete) return
    const seq = await send({ type: 'pause' })
    await waitRelayed(seq, closeWaitMs)
    if (cleared) return
    selfPaused = true
    joined = false
    transport.close()
    updateStatus()
  }

  /** Wallet: reconnects, re-joins, re-sends, then seals `resume`. */
  function resume(): void {
    if (cleared || !selfPaused) return
    selfPaused = false
    updateStatus()
    transport.open()
    if (transport.connected) void join()
    void send({ type: 'resume' }).catch(() => {})
  }

  /**
   * Ends the session: seals `terminate` (when `terminate` is set and the handshake is done), leaves the
   * channel, drops the socket. Every wait is bounded, so it resolves even offline.
   */
  async function close(
    reason: SessionCloseReason,
    options: { leave: boolean; keepChannel?: boolean; terminate?: boolean; error?: SessionClosedError },
  ): Promise<void> {
    if (cleared || closing) return
    closing = true
    try {
      if (options.terminate && handshakeComplete && joined && secure) {
        const seq = await Promise.race([
          send({ type: 'terminate', reason }),
          new Promise<undefined>((resolve) => setTimeout(resolve, closeWaitMs)),
        ]).catch(() => undefined)
        if (seq !== undefined) await waitRelayed(seq, closeWaitMs)
      }
      if (options.leave && joined)
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

  /**
   * Synchronous close for `pagehide`: commits a `terminate` sealed ahead of time (WebCrypto is async),
   * emits it and `leave`, and clears the session.
   */
  function closeNow(reason: SessionCloseReason, presealed: UnackedFrame | undefined): void {
    if (cleared) return
    if (presealed && secure && joined && secure.commit(presealed)) {
      transport.call('send', { channel, frame: presealed.frame }, relayTimeoutMs).catch(() => {})
    }
    if (joined) transport.call('leave', { channel, close: true }, relayTimeoutMs).catch(() => {})
    finish(reason, undefined)
  }

  /** Seals a `terminate` for the next seq without committing it (see `closeNow`). */
  async function presealTerminate(reason: SessionCloseReason): Promise<UnackedFrame | undefined> {
    if (!secure || cleared) return undefined
    return secure.sealAhead(encodeSessionMessage({ type: 'terminate', reason }))
  }

  function finish(reason: SessionCloseReason, error: SessionClosedError | undefined): void {
    if (cleared) return
    cleared = true
    for (const timer of [handshakeTimer, peerTimer, rejoinTimer, ackTimer]) clearTimeout(timer)
    clearInterval(retryTimer)
    clearInterval(retransmitTimer)
    releaseWaiters()
    unsubscribe?.()
    transport.close()
    const closedError = error ?? new SessionClosedError(reason)
    rejectHandshake(closedError)
    // Drop key material references as soon as the session is over.
    sendKey = receiveKey = undefined
    authKey = walletSecretKey = undefined
    setState({ status: 'cleared', reason })
    parameters.onClose?.(closedError)
  }

  return {
    /** Connects to the relay and starts joining (idempotent). */
    start,
    send,
    pause,
    resume,
    close,
    closeNow,
    presealTerminate,
    /** Resolves when the handshake is done; rejects with `SessionClosedError` (e.g. `HandshakeTimeoutError`). */
    handshake,
    /** The current snapshot. */
    getState: (): RelaySessionState => state,
    /** Calls `listener` on every change; returns the unsubscribe function. */
    watchState(listener: (state: RelaySessionState, previous: RelaySessionState) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** Whether the secure channel exists and has sealed this many frames (for pagehide pre-sealing). */
    get lastSent(): number {
      return secure?.lastSent ?? 0
    },
  }
}

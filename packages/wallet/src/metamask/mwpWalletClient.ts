import { encodeBase64 } from '@dapplink/core/relay'
import {
  BaseClient,
  ClientState,
  DEFAULT_SESSION_TTL,
  type HandshakeOfferPayload,
  type IKeyManager,
  type ISessionStore,
  type ITransport,
  type ProtocolMessage,
  type Session,
} from '@metamask/mobile-wallet-protocol-core'
import { MwpHandshakeTimeoutError, MwpSessionStateError } from './errors.js'
import type { MwpConnectionRequest } from './parseMwpLink.js'

/** What {@link MwpWalletClient} needs, all injectable. */
export type MwpWalletClientParameters = {
  transport: ITransport
  keymanager: IKeyManager
  sessionstore: ISessionStore
  /** How long the wallet keeps a session. Default MetaMask's 30 days. */
  sessionTtlMs?: number
  /** How long the dapp's user has to type the OTP of an untrusted pairing. Default 60 s. */
  otpTtlMs?: number
  /** Clock, ms. Default `Date.now`. */
  now?: () => number
}

/** Called with the OTP of an untrusted pairing: the wallet shows it, the dapp's user types it. */
export type MwpOtpDisplay = (otp: string, deadline: number) => void

type AckWait = { resolve: () => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }

/**
 * The wallet side of MetaMask's Mobile Wallet Protocol, on MetaMask's own `BaseClient` (its
 * transport, session store and encrypted messaging): answers a connection request with a
 * handshake offer (trusted, or untrusted with an OTP the dapp acknowledges), then exchanges
 * `{ type: 'message', payload }` messages on the session channel.
 */
export class MwpWalletClient extends BaseClient {
  private readonly sessionTtlMs: number
  private readonly otpTtlMs: number
  private readonly now: () => number
  private ackWait: AckWait | null = null
  /** Messages that arrive between the offer and the end of the handshake, emitted once connected. */
  private early: unknown[] = []
  private lastSessionId: string | null = null

  constructor(parameters: MwpWalletClientParameters) {
    super(parameters.transport, parameters.keymanager, parameters.sessionstore)
    this.sessionTtlMs = parameters.sessionTtlMs ?? DEFAULT_SESSION_TTL
    this.otpTtlMs = parameters.otpTtlMs ?? 60_000
    this.now = parameters.now ?? Date.now
    this.on('connected', () => {
      const early = this.early
      this.early = []
      for (const payload of early) this.emit('message', payload)
    })
  }

  /** The id of the current (or paused) session. */
  get sessionId(): string | null {
    return this.session?.id ?? this.lastSessionId
  }

  /**
   * Pairs with the dapp of a parsed connection request: subscribes to the handshake channel and a
   * fresh session channel, publishes the handshake offer sealed to the dapp's key, and in untrusted
   * mode shows the OTP through `displayOtp` and waits for the dapp's acknowledgement.
   */
  async connect(request: MwpConnectionRequest, displayOtp?: MwpOtpDisplay): Promise<void> {
    if (this.state !== ClientState.DISCONNECTED) {
      throw new MwpSessionStateError(`Cannot pair while the client is ${this.state}.`)
    }
    const { sessionRequest, dappPublicKey } = request
    this.keymanager.validatePeerKey(dappPublicKey)
    this.state = ClientState.CONNECTING
    const channelId = globalThis.crypto.randomUUID()
    const keyPair = this.keymanager.generateKeyPair()
    const session: Session = {
      id: sessionRequest.id,
      channel: `session:${channelId}`,
      keyPair,
      theirPublicKey: dappPublicKey,
      expiresAt: this.now() + this.sessionTtlMs,
    }
    this.session = session
    this.lastSessionId = session.id
    try {
      await this.transport.connect()
      await this.transport.subscribe(sessionRequest.channel)
      await this.transport.subscribe(session.channel)
      const offer: HandshakeOfferPayload = { publicKeyB64: encodeBase64(keyPair.publicKey), channelId }
      let acknowledged: Promise<void> | undefined
      if (sessionRequest.mode === 'untrusted') {
        if (!displayOtp)
          throw new MwpSessionStateError('An untrusted pairing needs displayOtp to show the OTP.')
        offer.otp = createOtp()
        offer.deadline = this.now() + this.otpTtlMs
        acknowledged = this.waitForAck(this.otpTtlMs)
        // Awaited below; marked handled so that a failure before then is no unhandled rejection.
        acknowledged.catch(() => undefined)
        displayOtp(offer.otp, offer.deadline)
      }
      await this.sendMessage(sessionRequest.channel, { type: 'handshake-offer', payload: offer })
      await acknowledged
      await this.sessionstore.set(session)
      await this.transport.clear(sessionRequest.channel)
      this.state = ClientState.CONNECTED
      this.emit('connected')
      if (sessionRequest.initialMessage) this.emit('message', sessionRequest.initialMessage.payload)
    } catch (error) {
      this.cancelAckWait(error instanceof Error ? error : new Error(String(error)))
      this.state = ClientState.DISCONNECTED
      this.session = null
      this.early = []
      await this.transport.disconnect().catch(() => undefined)
      throw error
    }
  }

  /** Sends a payload to the dapp on the session channel (sealed to the dapp's key). */
  async sendPayload(payload: unknown): Promise<void> {
    if (this.state !== ClientState.CONNECTED || !this.session) {
      throw new MwpSessionStateError(`Cannot send: the session is ${this.state}.`)
    }
    await this.sendMessage(this.session.channel, { type: 'message', payload })
  }

  /**
   * Goes to the background as a phone does: the socket goes away, the session stays in the store.
   * {@link MwpWalletClient.resumeSession} comes back and re-reads the channel's history.
   */
  async pause(): Promise<void> {
    if (!this.session) throw new MwpSessionStateError('Cannot pause: no session.')
    this.lastSessionId = this.session.id
    this.session = null
    this.state = ClientState.DISCONNECTED
    await this.transport.disconnect()
  }

  /** Comes back from the background: reconnects, resubscribes, and handles what the dapp sent meanwhile. */
  async resumeSession(): Promise<void> {
    if (!this.lastSessionId) throw new MwpSessionStateError('Cannot resume: no session was paused.')
    await this.resume(this.lastSessionId)
  }

  protected override handleMessage(message: ProtocolMessage): void {
    if (message.type === 'handshake-ack') {
      const wait = this.ackWait
      if (!wait) return
      this.ackWait = null
      clearTimeout(wait.timer)
      wait.resolve()
      return
    }
    if (message.type !== 'message') return
    if (this.state === ClientState.CONNECTED) this.emit('message', message.payload)
    // Bounded: a dapp cannot queue more than a few requests before the handshake ends.
    else if (this.state === ClientState.CONNECTING && this.early.length < 32) this.early.push(message.payload)
  }

  private waitForAck(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.ackWait = null
        reject(
          new MwpHandshakeTimeoutError(
            `The dapp did not confirm the OTP within ${Math.round(timeoutMs / 1000)} s.`,
          ),
        )
      }, timeoutMs)
      this.ackWait = { resolve, reject, timer }
    })
  }

  private cancelAckWait(error: Error): void {
    const wait = this.ackWait
    if (!wait) return
    this.ackWait = null
    clearTimeout(wait.timer)
    wait.reject(error)
  }
}

/** A 6-digit OTP from the CSPRNG, without modulo bias. */
function createOtp(): string {
  const limit = 4_294_000_000 // largest multiple of 1 000 000 below 2^32
  const word = new Uint32Array(1)
  do globalThis.crypto.getRandomValues(word)
  while ((word[0] ?? limit) >= limit)
  return String((word[0] ?? 0) % 1_000_000).padStart(6, '0')
}

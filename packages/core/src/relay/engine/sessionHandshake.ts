import type { SessionClosedError } from '../../errors/relay.js'
import type { Frame } from '../frame.js'
import { deriveAuthKey } from '../pairingKeys.js'
import { createHandshakeDriver, type HandshakeDriver } from './handshakeDriver.js'
import type { SessionKeys } from './handshakeStep.js'
import { SessionTimer, type SessionTimers } from './timers.js'

export type SessionHandshakeParameters = {
  /** The dapp opens HELLOs with its ECIES secret key; the wallet creates them. */
  role: { role: 'dapp'; dappSecretKey: Uint8Array } | { role: 'wallet' }
  channelId: Uint8Array
  secret: Uint8Array
  dappPublicKey: Uint8Array
  timers: SessionTimers
  retryIntervalMs: number
  handshakeTimeoutMs: number
  report: (error: unknown) => void
  /** Best-effort send of a handshake frame. */
  send: (frame: Uint8Array) => void
  isJoined: () => boolean
  /** The handshake began (the code comes later: the wallet's at KEY, the dapp's at the wallet's DNE). */
  onStarted: () => void
  onVerificationCode: (verificationCode: string) => void
  /** This side holds the session keys (before completion; see `HandshakeHooks.keysAgreed`). */
  onKeysAgreed?: ((keys: SessionKeys) => void) | undefined
  /**
   * The handshake is done: the DATA phase starts with these keys (before `send` waiters run). The dapp learns
   * the verification code here.
   */
  onComplete: (keys: SessionKeys, verificationCode: string | undefined) => void
  /** Then: DATA frames that arrived early may be processed. */
  afterComplete: () => Promise<void>
  /** The handshake timer ran out first. */
  onTimedOut: () => void
  /** The peer broke the handshake (a reveal that does not match its commitment): end with `error`. */
  onFailed: (error: SessionClosedError) => void
}

/**
 * The handshake of one session: the role's pure steps (`dappHandshake.ts`, `walletHandshake.ts`) with
 * their crypto, the 1 s re-send timer and the 10 s timeout (the wallet's run from the start, the dapp's from
 * the first valid HELLO), and the promise the session's `send` waits on.
 */
export class SessionHandshake {
  /** Resolves once complete; rejects with the error the session ended with. */
  readonly done: Promise<void>
  private phase: 'notStarted' | 'started' | 'complete' = 'notStarted'
  private resolveDone: () => void = () => {}
  private rejectDone: (error: SessionClosedError) => void = () => {}
  private authKey: Promise<Uint8Array> | undefined
  private readonly driver: HandshakeDriver
  private readonly timeoutTimer: SessionTimer
  private readonly retryTimer: SessionTimer

  constructor(private readonly parameters: SessionHandshakeParameters) {
    const { channelId, dappPublicKey, secret, timers, retryIntervalMs } = parameters
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve
      this.rejectDone = reject
    })
    this.done.catch(() => {})
    this.timeoutTimer = new SessionTimer(timers)
    this.retryTimer = new SessionTimer(timers)
    const authKey = () => {
      this.authKey ??= deriveAuthKey(secret, channelId)
      return this.authKey
    }
    this.driver = createHandshakeDriver(
      parameters.role,
      async () => ({ channelId, dappPublicKey, authKey: await authKey() }),
      retryIntervalMs,
      () => timers.now(),
      {
        send: parameters.send,
        report: parameters.report,
        started: () => {
          this.phase = 'started'
          parameters.onStarted()
          if (parameters.role.role === 'dapp') this.startTimers()
        },
        verificationCode: parameters.onVerificationCode,
        keysAgreed: (keys) => parameters.onKeysAgreed?.(keys),
        complete: async (keys, verificationCode) => {
          this.phase = 'complete'
          this.clearTimers()
          parameters.onComplete(keys, verificationCode)
          this.resolveDone()
          await parameters.afterComplete()
        },
        timedOut: parameters.onTimedOut,
        failed: (error) => {
          this.clearTimers()
          parameters.onFailed(error)
        },
      },
    )
  }

  /** Where the handshake stands, for the session status. */
  get status(): 'notStarted' | 'started' | 'complete' {
    return this.phase
  }

  /** Starts the timeout and the re-send timer (idempotent). */
  startTimers(): void {
    if (this.timeoutTimer.armed) return
    const { timers, retryIntervalMs, handshakeTimeoutMs, report, isJoined } = this.parameters
    this.timeoutTimer.arm(handshakeTimeoutMs, () => void this.driver.feed({ type: 'timeout' }).catch(report))
    this.retryTimer.repeat(retryIntervalMs, () => {
      void this.driver.feed({ type: 'retryTick', now: timers.now(), joined: isJoined() }).catch(report)
    })
  }

  /** A HELLO, KEY or DNE from the relay; a refused frame throws (the caller reports it). */
  receive(frame: Frame): Promise<void> {
    return this.driver.feed({ type: 'frame', frame, now: this.parameters.timers.now() })
  }

  /** This side (re-)joined: the wallet sends HELLO (or its DNE), the dapp KEY + DNE. */
  joined(): void {
    void this.driver.feed({ type: 'joined', now: this.parameters.timers.now() }).catch(this.parameters.report)
  }

  /** The session ended: timers off, secrets dropped, waiters rejected with `error`. */
  stop(error: SessionClosedError): void {
    this.clearTimers()
    this.authKey = undefined
    this.rejectDone(error)
  }

  private clearTimers(): void {
    this.timeoutTimer.clear()
    this.retryTimer.clear()
  }
}

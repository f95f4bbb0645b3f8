import { RelayRequestError } from '../../errors/relay.js'
import { encodeBase64Url } from '../base64url.js'
import { joinRetryDelayMs } from '../joinRetryDelay.js'
import { deriveWalletToken, hashToken } from '../pairingKeys.js'
import type { RelayTransport } from '../relayTransport.js'
import { relayRefusal } from './relayAnswer.js'
import { SessionTimer, type SessionTimers } from './timers.js'
import { afterWalletJoinRefused, type WalletJoinToken } from './walletJoinToken.js'

/** The relay credentials of one role (docs/protocol.md section 3). */
export type MembershipCredentials =
  /** The dapp creates the channel with both token hashes and joins with its own token. */
  | { role: 'dapp'; dappToken: Uint8Array }
  /** The wallet joins with the token derived from the pairing secret, then with its session token. */
  | { role: 'wallet' }

export type MembershipParameters = {
  channel: string
  channelId: Uint8Array
  secret: Uint8Array
  credentials: MembershipCredentials
  transport: RelayTransport
  timers: SessionTimers
  retryIntervalMs: number
  relayTimeoutMs: number
  report: (error: unknown) => void
  /** Whether joining makes sense now (not cleared, not paused on purpose). */
  mayJoin: () => boolean
  /** The `join` is about to go out (its answer may come back after newer relay events: see `onJoined`). */
  onJoinSent?: () => void
  /**
   * Joined: `peerPresent` is the relay's word on the other role; `maxFramesPerSend` is how many frames one
   * `send` may carry (1 on a relay that does not take batches nor acknowledgements on `send`).
   */
  onJoined: (peerPresent: boolean, maxFramesPerSend: number) => void
}

type JoinTokens = { join: string; dappHash?: string; walletHash?: string }

/**
 * Relay membership: (re-)creates the channel (dapp) and joins it with the role's token, on every
 * connection, and retries a refused join (soon for a wallet that came before the channel, else after a
 * retry interval) until the handshake or peer timeout ends the session. Once the handshake gave the session
 * keys, `pair` makes the wallet role joinable with the session token only (docs/protocol.md section 3).
 */
export class Membership {
  private tokens: JoinTokens | undefined
  private joining = false
  private earlyRefusals = 0
  private readonly rejoinTimer: SessionTimer
  private readonly rekeyTimer: SessionTimer
  /** Wallet: `b64u(Tw')`; dapp: `b64u(H(Tw'))`, registered with `rekey` and sent along on every `create`. */
  private session: { token?: string; hash?: string; registered: boolean } | undefined
  private nextWalletToken: WalletJoinToken = 'pairing'
  /** Whether this side holds its role in the channel now. */
  joined = false
  /** Whether it ever did (a later loss shows as `reconnecting`). */
  everJoined = false

  constructor(private readonly parameters: MembershipParameters) {
    this.rejoinTimer = new SessionTimer(parameters.timers)
    this.rekeyTimer = new SessionTimer(parameters.timers)
  }

  /**
   * The handshake agreed on the session keys, hence on the wallet session token `Tw'`. The wallet joins with
   * it from now on; the dapp registers its hash with the relay (`rekey`) and re-creates the channel with it.
   * The dapp calls this only once the handshake is complete: the wallet's DNE shows it holds `Tw'` too.
   */
  async pair(walletSessionToken: Uint8Array): Promise<void> {
    if (this.session) return
    if (this.parameters.credentials.role === 'wallet') {
      this.session = { token: encodeBase64Url(walletSessionToken), registered: true }
      this.nextWalletToken = 'session'
      return
    }
    this.session = { hash: await hashToken(walletSessionToken), registered: false }
    await this.rekey()
  }

  /** Whether a `closed` with reason `replaced` is worth a re-join: a wallet that holds the session token. */
  get canRejoinAfterReplaced(): boolean {
    return this.parameters.credentials.role === 'wallet' && this.session?.token !== undefined
  }

  /** Another socket took this side's role (relay `closed`, reason `replaced`): join again after the retry interval. */
  replaced(): void {
    this.lost()
    if (this.parameters.transport.connected)
      this.rejoinTimer.arm(this.parameters.retryIntervalMs, () => void this.join())
  }

  /** Joins now if the transport is connected and no join is under way. */
  async join(): Promise<void> {
    this.rejoinTimer.clear()
    const { transport, channel, credentials, relayTimeoutMs, retryIntervalMs } = this.parameters
    if (!this.parameters.mayJoin() || this.joining || !transport.connected) return
    this.joining = true
    try {
      const tokens = await this.joinTokens()
      if (credentials.role === 'dapp') {
        // The dapp re-creates the channel on every connection: a restarted relay may have forgotten it.
        // A paired channel is re-created paired, so the pairing token never joins it, not even right
        // after a relay restart.
        const sessionHash = this.session?.hash
        const created = await transport.call(
          'create',
          {
            v: 1,
            channel,
            dappTokenHash: tokens.dappHash,
            walletTokenHash: tokens.walletHash,
            ...(sessionHash ? { walletSessionTokenHash: sessionHash } : {}),
          },
          relayTimeoutMs,
        )
        const refusal = relayRefusal(created)
        if (refusal)
          throw new RelayRequestError(
            `The relay refused to create the channel: ${refusal.message}`,
            refusal.code,
          )
        if (sessionHash && this.session) this.session.registered = true
      }
      this.parameters.onJoinSent?.()
      const answer = await this.joinWithBestToken(tokens.join)
      if (!this.parameters.mayJoin() || !transport.connected) return
      this.joined = true
      this.everJoined = true
      this.earlyRefusals = 0
      const { peer, batch } = answer as { peer?: unknown; batch?: unknown }
      const maxFramesPerSend =
        typeof batch === 'number' && Number.isSafeInteger(batch) && batch >= 1 ? Math.min(batch, 64) : 1
      this.parameters.onJoined(peer === true, maxFramesPerSend)
      // The handshake may have completed while this join was on its way (its `create` had no session hash).
      void this.rekey()
    } catch (error) {
      if (!this.parameters.mayJoin()) return
      // A wallet may come before the dapp (re-)created the channel: expected, so not reported.
      const early =
        credentials.role === 'wallet' &&
        error instanceof RelayRequestError &&
        error.relayCode === 'unknown_channel'
      if (!early) this.parameters.report(error)
      const delayMs = joinRetryDelayMs(retryIntervalMs, early ? this.earlyRefusals++ : undefined)
      if (transport.connected) this.rejoinTimer.arm(delayMs, () => void this.join())
    } finally {
      this.joining = false
    }
  }

  /**
   * `join` with the role's token. A wallet that holds the session token tries it first, and switches at once
   * when the relay's answer only says "the other token" (`walletJoinToken.ts`); other refusals throw.
   */
  private async joinWithBestToken(pairingToken: string): Promise<unknown> {
    const { transport, channel, credentials, relayTimeoutMs } = this.parameters
    for (let attempt = 0; ; attempt++) {
      const tried = credentials.role === 'wallet' ? this.nextWalletToken : 'pairing'
      const token = tried === 'session' && this.session?.token ? this.session.token : pairingToken
      const answer = await transport.call(
        'join',
        // `batch: true` asks whether this relay takes `send` with `frames` and `ack` (section 3).
        { v: 1, channel, role: credentials.role, token, batch: true },
        relayTimeoutMs,
      )
      const refusal = relayRefusal(answer)
      if (!refusal) return answer
      const hasSessionToken = this.session?.token !== undefined
      const step =
        credentials.role === 'wallet'
          ? afterWalletJoinRefused(tried, refusal.code, hasSessionToken)
          : { next: tried, retryNow: false }
      this.nextWalletToken = step.next
      if (!step.retryNow || attempt >= 1 || !transport.connected)
        throw new RelayRequestError(`The relay refused to join the channel: ${refusal.message}`, refusal.code)
    }
  }

  /** Dapp: registers the session hash with the relay while joined; retried until it is registered. */
  private async rekey(): Promise<void> {
    this.rekeyTimer.clear()
    const { transport, channel, relayTimeoutMs, retryIntervalMs, report } = this.parameters
    const session = this.session
    // Not joined: the next join's `create` carries the hash instead.
    if (!session?.hash || session.registered || !this.joined || !this.parameters.mayJoin()) return
    try {
      const answer = await transport.call(
        'rekey',
        { channel, walletSessionTokenHash: session.hash },
        relayTimeoutMs,
      )
      const refusal = relayRefusal(answer)
      if (!refusal) {
        session.registered = true
        return
      }
      throw new RelayRequestError(
        `The relay refused to pair the channel with the wallet's session token: ${refusal.message}`,
        refusal.code,
      )
    } catch (error) {
      if (!this.parameters.mayJoin()) return
      report(error)
      // A relay that does not know `rekey` (bad_request) offers no pairing: the session works as before.
      if (error instanceof RelayRequestError && error.relayCode === 'bad_request') {
        session.registered = true
        return
      }
      if (this.joined) this.rekeyTimer.arm(retryIntervalMs, () => void this.rekey())
    }
  }

  /** The socket dropped, or the relay forgot this member: no longer joined, no pending re-join. */
  lost(): void {
    this.joined = false
    this.rejoinTimer.clear()
    this.rekeyTimer.clear()
  }

  stop(): void {
    this.joined = false
    this.rejoinTimer.clear()
    this.rekeyTimer.clear()
  }

  private async joinTokens(): Promise<JoinTokens> {
    if (this.tokens) return this.tokens
    const { credentials, secret, channelId } = this.parameters
    const walletToken = await deriveWalletToken(secret, channelId)
    this.tokens =
      credentials.role === 'dapp'
        ? {
            join: encodeBase64Url(credentials.dappToken),
            dappHash: await hashToken(credentials.dappToken),
            walletHash: await hashToken(walletToken),
          }
        : { join: encodeBase64Url(walletToken) }
    return this.tokens
  }
}

import { RelayRequestError } from '../../errors/relay.js'
import { encodeBase64Url } from '../base64url.js'
import { joinRetryDelayMs } from '../joinRetryDelay.js'
import { deriveWalletToken, hashToken } from '../pairingKeys.js'
import type { RelayTransport } from '../relayTransport.js'
import { relayRefusal } from './relayAnswer.js'
import { SessionTimer, type SessionTimers } from './timers.js'

/** The relay credentials of one role (docs/protocol.md section 3). */
export type MembershipCredentials =
  /** The dapp creates the channel with both token hashes and joins with its own token. */
  | { role: 'dapp'; dappToken: Uint8Array }
  /** The wallet joins with the token derived from the pairing secret. */
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
 * retry interval) until the handshake or peer timeout ends the session.
 */
export class Membership {
  private tokens: JoinTokens | undefined
  private joining = false
  private earlyRefusals = 0
  private readonly rejoinTimer: SessionTimer
  /** Whether this side holds its role in the channel now. */
  joined = false
  /** Whether it ever did (a later loss shows as `reconnecting`). */
  everJoined = false

  constructor(private readonly parameters: MembershipParameters) {
    this.rejoinTimer = new SessionTimer(parameters.timers)
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
        const created = await transport.call(
          'create',
          { v: 1, channel, dappTokenHash: tokens.dappHash, walletTokenHash: tokens.walletHash },
          relayTimeoutMs,
        )
        const refusal = relayRefusal(created)
        if (refusal)
          throw new RelayRequestError(
            `The relay refused to create the channel: ${refusal.message}`,
            refusal.code,
          )
      }
      const answer = await transport.call(
        'join',
        // `batch: true` asks whether this relay takes `send` with `frames` and `ack` (section 3).
        { v: 1, channel, role: credentials.role, token: tokens.join, batch: true },
        relayTimeoutMs,
      )
      const refusal = relayRefusal(answer)
      if (refusal)
        throw new RelayRequestError(`The relay refused to join the channel: ${refusal.message}`, refusal.code)
      if (!this.parameters.mayJoin() || !transport.connected) return
      this.joined = true
      this.everJoined = true
      this.earlyRefusals = 0
      const { peer, batch } = answer as { peer?: unknown; batch?: unknown }
      const maxFramesPerSend =
        typeof batch === 'number' && Number.isSafeInteger(batch) && batch >= 1 ? Math.min(batch, 64) : 1
      this.parameters.onJoined(peer === true, maxFramesPerSend)
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

  /** The socket dropped, or the relay forgot this member: no longer joined, no pending re-join. */
  lost(): void {
    this.joined = false
    this.rejoinTimer.clear()
  }

  stop(): void {
    this.joined = false
    this.rejoinTimer.clear()
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

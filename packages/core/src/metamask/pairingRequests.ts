import { type ConnectionMode, createConnectionRequest, type DappMetadata } from './connectionRequest.js'
import { buildPairingLinks, type PairingLinks } from './pairingLink.js'
import type { TimeProvider } from './timers.js'

/** One pairing request as the session uses it: the handshake channel, its expiry, and its two links. */
export type PairingRequest = { channel: string; expiresAt: number; links: PairingLinks }

/** The pairing requests of one session: the first, then each renewal of the QR code. */
export type PairingRequests = {
  /** Makes a fresh request and subscribes to its handshake channel. */
  next(): Promise<PairingRequest>
  /** The first request's id: the session id of the wake-up link (undefined before the first). */
  readonly sessionId: string | undefined
  /** Every handshake channel subscribed so far (left once paired). */
  readonly channels: readonly string[]
}

/**
 * Makes the connection requests of one pairing (docs/metamask.md), each with the dapp's key, and keeps
 * what outlives them: the first one's id and every handshake channel to leave once paired.
 */
export function createPairingRequests(parameters: {
  publicKey: Uint8Array
  dapp: DappMetadata
  mode: ConnectionMode
  time: TimeProvider
  subscribe: (channel: string) => Promise<void> | undefined
}): PairingRequests {
  const channels: string[] = []
  let sessionId: string | undefined
  return {
    async next() {
      const { publicKey, dapp, mode, time } = parameters
      const request = createConnectionRequest({ publicKey, dapp, mode, now: time.now() })
      const links = await buildPairingLinks(request)
      sessionId ??= request.sessionRequest.id
      const { channel, expiresAt } = request.sessionRequest
      channels.push(channel)
      await parameters.subscribe(channel)
      return { channel, expiresAt, links }
    },
    get sessionId() {
      return sessionId
    },
    channels,
  }
}

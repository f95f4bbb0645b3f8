import { SessionClosedError } from '@dapplink/core/relay'

/** Why a pairing link cannot pair: the relay forgot its channel, or the dapp answers another wallet. */
export type UsedPairingLinkReason = 'channel-gone' | 'dapp-busy'

/**
 * The pairing link (QR code) was already used, or the dapp ended its session: the relay no longer knows the
 * channel, or the dapp is there but ignores this wallet because another wallet paired with it. A QR code
 * pairs once; ask the dapp for a new one. A `SessionClosedError`, so code that catches that still works.
 */
export class PairingLinkUsedError extends SessionClosedError {
  override name = 'PairingLinkUsedError'
  readonly usedLinkReason: UsedPairingLinkReason
  constructor(reason: UsedPairingLinkReason, waitedMs: number) {
    super('terminated', {
      shortMessage:
        reason === 'channel-gone'
          ? 'This pairing link was already used, or the dapp ended its session. Ask the dapp for a new QR code.'
          : 'The dapp did not answer this pairing link: another wallet already used it. Ask the dapp for a new QR code.',
      details:
        reason === 'channel-gone'
          ? `The relay refused the link's channel for ${waitedMs} ms (unknown_channel): it was closed or has expired.`
          : `The dapp was in the channel but did not answer this wallet's HELLO within ${waitedMs} ms.`,
    })
    this.usedLinkReason = reason
  }
}

import { SessionClosedError } from '@dapplink/core/relay'

/**
 * Why a pairing link cannot pair: the relay no longer knows its channel, the dapp answers another wallet, or
 * the dapp left the channel without closing it (a crashed or reloaded page whose `leave` was lost).
 */
export type UsedPairingLinkReason = 'channel-gone' | 'dapp-busy' | 'dapp-gone'

const messages: Record<
  UsedPairingLinkReason,
  { shortMessage: string; details: (waitedMs: number) => string }
> = {
  'channel-gone': {
    shortMessage:
      'This pairing link was already used, or the dapp ended its session. Ask the dapp for a new QR code.',
    details: (ms) =>
      `The relay refused the link's channel for ${ms} ms (unknown_channel): it was closed or has expired.`,
  },
  'dapp-busy': {
    shortMessage:
      'The dapp did not answer this pairing link: another wallet already used it. Ask the dapp for a new QR code.',
    details: (ms) =>
      `The relay refused the link because the dapp paired with another wallet (pairing_used), or the dapp was in the channel but did not answer this wallet's HELLO within ${ms} ms.`,
  },
  'dapp-gone': {
    shortMessage:
      'The dapp of this pairing link is gone: its page was closed or reloaded. Ask the dapp for a new QR code.',
    details: (ms) => `The channel exists, but the dapp did not come back to it within ${ms} ms.`,
  },
}

/**
 * The pairing link (QR code) was already used, or the dapp ended its session (see `UsedPairingLinkReason`).
 * A QR code pairs once; ask the dapp for a new one. A `SessionClosedError`, so code that catches that still works.
 */
export class PairingLinkUsedError extends SessionClosedError {
  override name = 'PairingLinkUsedError'
  readonly usedLinkReason: UsedPairingLinkReason
  constructor(reason: UsedPairingLinkReason, waitedMs: number) {
    const { shortMessage, details } = messages[reason]
    super('terminated', { shortMessage, details: details(waitedMs) })
    this.usedLinkReason = reason
  }
}

import { DapplinkError } from '@dapplink/core'

/**
 * The message a failed pairing shows. The kit's messages are written for the wallet's user, except the
 * handshake timeout's, which core words for the dapp ("with the wallet").
 *
 * @example
 * describePairingFailure(new PairingLinkUsedError('channel-gone', 3000)) // 'This pairing link was already used, …'
 */
export function describePairingFailure(error: unknown): string {
  if (!(error instanceof DapplinkError)) return 'Pairing failed.'
  if (error.name === 'HandshakeTimeoutError')
    return 'The dapp did not complete the pairing in time. Check that its page is still open, then scan a new QR code.'
  return error.shortMessage
}

import type { SessionCloseReason } from '@dapplink/wallet/relay'

/**
 * What the wallet tells its user when a relay session ends, by the reason the kit gives. `terminated` is the
 * dapp's sealed `terminate` or its `leave` (a Disconnect, a reload, a closed tab).
 *
 * @example
 * describeSessionEnd('terminated') // 'The dapp ended the session.'
 */
export function describeSessionEnd(reason: SessionCloseReason | undefined): string {
  switch (reason) {
    case 'terminated':
      return 'The dapp ended the session.'
    case 'disconnected':
      return 'You ended the session.'
    case 'dapp-gone':
      return 'The dapp stopped answering, so the session ended.'
    case 'expired':
      return 'The session expired at the relay.'
    case 'overflow':
      return 'The dapp stopped acknowledging messages, so the session ended.'
    default:
      return `The session ended (${reason ?? 'unknown reason'}).`
  }
}

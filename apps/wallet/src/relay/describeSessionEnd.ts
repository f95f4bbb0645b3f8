import type { SessionCloseReason } from '@dapplink/wallet/relay'

/**
 * What the wallet tells its user when a relay session ends, by the reason the kit gives. `terminated` is the
 * dapp's sealed `terminate` (a Disconnect, a reload, a closed tab); `relay-closed` is the relay's word only
 * (the channel was deleted without a `terminate`), so it is not worded as the dapp's doing.
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
    case 'relay-closed':
      return 'The relay closed the session.'
    case 'overflow':
      return 'The dapp stopped acknowledging messages, so the session ended.'
    default:
      return `The session ended (${reason ?? 'unknown reason'}).`
  }
}

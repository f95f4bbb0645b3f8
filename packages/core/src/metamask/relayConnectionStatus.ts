import type { CentrifugoState } from './centrifugoClient.js'
import type { MetamaskSessionStatus } from './metamaskSessionTypes.js'

/**
 * The status an open session shows when its relay connection changes: `reconnecting` while the relay
 * connects again, `connected` once it is back. Undefined (no change) while pairing or before the
 * handshake is open, when the pairing has its own timeouts.
 */
export function statusAfterRelayChange(
  status: MetamaskSessionStatus,
  handshakeOpen: boolean,
  relayState: CentrifugoState,
): MetamaskSessionStatus | undefined {
  if (!handshakeOpen || status === 'pairing') return undefined
  if (relayState === 'connecting') return 'reconnecting'
  if (relayState === 'connected' && status === 'reconnecting') return 'connected'
  return undefined
}

/** Lifecycle states (docs/protocol.md section 7). */
export type RelaySessionStatus =
  | 'connecting'
  | 'handshaking'
  | 'connected'
  | 'paused'
  | 'reconnecting'
  | 'cleared'

/** Everything the status is derived from: membership, handshake, pauses, the peer, the end. */
export type SessionStatusInputs = {
  cleared: boolean
  /** This wallet paused on purpose (its app went to the background). */
  selfPaused: boolean
  /** The handshake has begun (a HELLO was sent or accepted) / is done. */
  handshake: 'notStarted' | 'started' | 'complete'
  joined: boolean
  everJoined: boolean
  /** The peer said `pause` (dapp only). */
  peerPaused: boolean
  /** The relay says the peer holds its role. */
  peerPresent: boolean
}

/** The status, derived by one pure function so no code path sets it by hand. */
export function deriveSessionStatus(inputs: SessionStatusInputs): RelaySessionStatus {
  if (inputs.cleared) return 'cleared'
  if (inputs.selfPaused) return 'paused'
  if (inputs.handshake !== 'complete') {
    if (inputs.everJoined && !inputs.joined) return 'reconnecting'
    return inputs.handshake === 'started' ? 'handshaking' : 'connecting'
  }
  if (!inputs.joined) return 'reconnecting'
  if (inputs.peerPaused) return 'paused'
  if (!inputs.peerPresent) return 'reconnecting'
  return 'connected'
}

/**
 * Whether the peer timer must run: a finished session cannot reach a peer that did not say `pause`
 * (and this side did not pause either).
 */
export function isPeerMissing(inputs: SessionStatusInputs): boolean {
  return (
    inputs.handshake === 'complete' &&
    !inputs.cleared &&
    !inputs.selfPaused &&
    !inputs.peerPaused &&
    !(inputs.joined && inputs.peerPresent)
  )
}

import { createStore } from '../../store/createStore.js'
import type { RelaySessionState } from './sessionEngineTypes.js'
import { deriveSessionStatus, isPeerMissing, type SessionStatusInputs } from './sessionStatus.js'
import { SessionTimer, type SessionTimers } from './timers.js'

/** What the status is derived from besides this module's own flags: membership and the handshake. */
export type LifecycleSources = () => Pick<SessionStatusInputs, 'handshake' | 'joined' | 'everJoined'>

/**
 * A session's lifecycle (docs/protocol.md section 7): the flags the status depends on, the state store
 * (the one store primitive), and the peer timer that runs while a finished session cannot reach a peer that
 * did not say `pause`. `update` re-derives the status with `deriveSessionStatus`; nothing sets it by hand.
 */
export class SessionLifecycle {
  readonly store = createStore<RelaySessionState>({
    status: 'connecting',
    reason: undefined,
    verificationCode: undefined,
  })
  started = false
  closing = false
  cleared = false
  /** This wallet paused on purpose. */
  selfPaused = false
  /** The peer said `pause` (dapp only). */
  peerPaused = false
  /** The relay says the peer holds its role. */
  peerPresent = false
  /** How many `peer` events arrived: a join answer older than the latest one must not overwrite it. */
  peerEvents = 0
  private readonly peerTimer: SessionTimer

  constructor(
    private readonly sources: LifecycleSources,
    timers: SessionTimers,
    private readonly peerTimeoutMs: number,
    /** The peer timer ran out. */
    private readonly onPeerGone: () => void,
  ) {
    this.peerTimer = new SessionTimer(timers)
  }

  /** Whether the peer can answer now: present and neither side paused. */
  get peerReachable(): boolean {
    return this.peerPresent && !this.peerPaused && !this.selfPaused
  }

  /** Re-derives the status (with `alsoChanged` in the same state change) and arms or clears the peer timer. */
  update(alsoChanged: Partial<RelaySessionState> = {}): void {
    const inputs: SessionStatusInputs = {
      ...this.sources(),
      cleared: this.cleared,
      selfPaused: this.selfPaused,
      peerPaused: this.peerPaused,
      peerPresent: this.peerPresent,
    }
    if (isPeerMissing(inputs)) this.peerTimer.armOnce(this.peerTimeoutMs, this.onPeerGone)
    else this.peerTimer.clear()
    this.store.setState({ ...alsoChanged, status: deriveSessionStatus(inputs) })
  }

  /** The session ended: terminal state with its reason. */
  clear(reason: RelaySessionState['reason']): void {
    this.cleared = true
    this.peerTimer.clear()
    this.store.setState({ status: 'cleared', reason })
  }
}

/** Which unacknowledged frame the retransmit check watches, and for how many rounds. */
export type RetransmitWatch = { seq: number; rounds: number }

export const idleRetransmitWatch: RetransmitWatch = { seq: 0, rounds: 0 }

/** What the retransmit check sees every two retry intervals. */
export type RetransmitObservation = {
  /** The oldest unacknowledged DATA seq, if any. */
  oldestUnacked: number | undefined
  /** The highest seq the relay accepted (frames past it were never delivered to the relay yet). */
  relayedUpTo: number
  /** Whether the peer can answer now: both joined, the peer present and neither side paused. */
  peerReachable: boolean
}

/** At most this many re-sends per frame; a lasting loss ends in the peer timeout. */
export const maxRetransmits = 5

/**
 * The receiver acknowledges within 100 ms, so a frame a reachable peer has not acknowledged after two
 * retry intervals was lost or dropped on the way (a reordering relay): re-send from it, a bounded number
 * of times per frame. Pure: the caller keeps the watch and re-sends when `resend` is true.
 */
export function checkRetransmit(
  watch: RetransmitWatch,
  observation: RetransmitObservation,
): { watch: RetransmitWatch; resend: boolean } {
  const { oldestUnacked, relayedUpTo, peerReachable } = observation
  if (oldestUnacked === undefined || !peerReachable || oldestUnacked > relayedUpTo)
    return { watch: idleRetransmitWatch, resend: false }
  if (watch.seq !== oldestUnacked) return { watch: { seq: oldestUnacked, rounds: 0 }, resend: false }
  const rounds = watch.rounds + 1
  return { watch: { seq: oldestUnacked, rounds }, resend: rounds <= maxRetransmits }
}

import { describe, expect, it } from 'vitest'
import { checkRetransmit, idleRetransmitWatch, maxRetransmits } from './retransmitWatch.js'

const reachable = { oldestUnacked: 3, relayedUpTo: 5, peerReachable: true }

describe('checkRetransmit', () => {
  it('watches a new oldest frame for one round before re-sending it', () => {
    const first = checkRetransmit(idleRetransmitWatch, reachable)
    expect(first).toEqual({ watch: { seq: 3, rounds: 0 }, resend: false })
    const second = checkRetransmit(first.watch, reachable)
    expect(second).toEqual({ watch: { seq: 3, rounds: 1 }, resend: true })
  })

  it(`re-sends one frame at most ${maxRetransmits} times`, () => {
    let watch = checkRetransmit(idleRetransmitWatch, reachable).watch
    const resends: boolean[] = []
    for (let round = 0; round < maxRetransmits + 2; round++) {
      const result = checkRetransmit(watch, reachable)
      watch = result.watch
      resends.push(result.resend)
    }
    expect(resends.filter(Boolean)).toHaveLength(maxRetransmits)
    expect(resends.slice(-2)).toEqual([false, false])
  })

  it.each([
    ['nothing is unacknowledged', { oldestUnacked: undefined }],
    ['the peer cannot answer (away, paused)', { peerReachable: false }],
    ['the relay has not accepted the frame yet', { oldestUnacked: 6 }],
  ])('resets when %s', (_name, patch) => {
    expect(checkRetransmit({ seq: 3, rounds: 2 }, { ...reachable, ...patch })).toEqual({
      watch: idleRetransmitWatch,
      resend: false,
    })
  })

  it('starts over when the oldest frame was acknowledged meanwhile', () => {
    expect(checkRetransmit({ seq: 3, rounds: 4 }, { ...reachable, oldestUnacked: 4 })).toEqual({
      watch: { seq: 4, rounds: 0 },
      resend: false,
    })
  })
})

import { describe, expect, it } from 'vitest'
import { FakeSessionTimers } from '../../test/fakeSessionTimers.js'
import { maxUnackedRelayFrames, RelayQueueAck, relayAckDelayMs } from './relayQueueAck.js'

function setup() {
  const timers = new FakeSessionTimers()
  const flushed: number[] = []
  return { timers, flushed, ack: new RelayQueueAck(timers, (id) => flushed.push(id)) }
}

describe('RelayQueueAck', () => {
  it(`acknowledges the last processed id alone ${relayAckDelayMs} ms after the first, once`, () => {
    const { timers, flushed, ack } = setup()
    ack.processed(4)
    timers.advance(relayAckDelayMs - 10)
    ack.processed(5)
    timers.advance(9)
    expect(flushed).toEqual([])
    timers.advance(1)
    expect(flushed).toEqual([5])
    timers.advance(1_000)
    expect(flushed).toEqual([5])
  })

  it(`acknowledges at once after ${maxUnackedRelayFrames} frames`, () => {
    const { flushed, ack } = setup()
    for (let id = 1; id <= maxUnackedRelayFrames; id++) ack.processed(id)
    expect(flushed).toEqual([maxUnackedRelayFrames])
  })

  it('lets a send carry the acknowledgement instead, and takes it back when that send failed', () => {
    const { timers, flushed, ack } = setup()
    ack.processed(7)
    expect(ack.take()).toBe(7)
    expect(ack.take()).toBeUndefined()
    timers.advance(1_000)
    expect(flushed).toEqual([])
    ack.restore(7)
    timers.advance(relayAckDelayMs)
    expect(flushed).toEqual([7])
  })

  it('a restore does not override a newer pending id; clear forgets everything', () => {
    const { timers, flushed, ack } = setup()
    ack.processed(9)
    ack.restore(3)
    timers.advance(relayAckDelayMs)
    expect(flushed).toEqual([9])
    ack.processed(10)
    ack.clear()
    timers.advance(1_000)
    expect(flushed).toEqual([9])
  })
})

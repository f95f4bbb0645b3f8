import { describe, expect, it } from 'vitest'
import { FakeSessionTimers } from '../../test/fakeSessionTimers.js'
import { RelayedWaiters } from './relayedWaiters.js'

const settledFlags = (promises: Promise<void>[]) => {
  const settled = promises.map(() => false)
  promises.forEach((promise, index) => void promise.then(() => (settled[index] = true)))
  return settled
}

describe('RelayedWaiters', () => {
  it('resolves the waiters whose seq the relay reached, and only those', async () => {
    const timers = new FakeSessionTimers()
    const waiters = new RelayedWaiters(timers)
    const settled = settledFlags([waiters.wait(2, 1_000), waiters.wait(5, 1_000)])
    waiters.relayed(3)
    await Promise.resolve()
    expect(settled).toEqual([true, false])
    waiters.relayed(5)
    await Promise.resolve()
    expect(settled).toEqual([true, true])
  })

  it('gives up at its timeout on the injected clock, and releaseAll ends every wait', async () => {
    const timers = new FakeSessionTimers()
    const waiters = new RelayedWaiters(timers)
    const settled = settledFlags([waiters.wait(1, 100), waiters.wait(1, 500)])
    timers.advance(99)
    await Promise.resolve()
    expect(settled).toEqual([false, false])
    timers.advance(1)
    await Promise.resolve()
    expect(settled).toEqual([true, false])
    waiters.releaseAll()
    await Promise.resolve()
    expect(settled).toEqual([true, true])
  })
})

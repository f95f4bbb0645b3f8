import { describe, expect, it } from 'vitest'
import { FakeSessionTimers } from '../../test/fakeSessionTimers.js'
import { delay, SessionTimer } from './timers.js'

describe('SessionTimer', () => {
  it('fires once at its delay, and arm replaces a pending callback', () => {
    const timers = new FakeSessionTimers()
    const timer = new SessionTimer(timers)
    const fired: string[] = []
    timer.arm(100, () => fired.push('first'))
    timer.arm(100, () => fired.push('second'))
    timers.advance(99)
    expect(fired).toEqual([])
    expect(timer.armed).toBe(true)
    timers.advance(1)
    expect(fired).toEqual(['second'])
    expect(timer.armed).toBe(false)
  })

  it('armOnce keeps the pending callback; clear is idempotent', () => {
    const timers = new FakeSessionTimers()
    const timer = new SessionTimer(timers)
    const fired: number[] = []
    timer.armOnce(50, () => fired.push(1))
    timer.armOnce(10, () => fired.push(2))
    timers.advance(50)
    expect(fired).toEqual([1])
    timer.arm(10, () => fired.push(3))
    timer.clear()
    timer.clear()
    timers.advance(100)
    expect(fired).toEqual([1])
    expect(timers.size).toBe(0)
  })

  it('repeat fires every interval until cleared', () => {
    const timers = new FakeSessionTimers()
    const timer = new SessionTimer(timers)
    const at: number[] = []
    timer.repeat(1_000, () => at.push(timers.now()))
    timers.advance(3_500)
    expect(at).toEqual([1_000, 2_000, 3_000])
    timer.clear()
    timers.advance(5_000)
    expect(at).toHaveLength(3)
  })

  it('delay resolves on the injected clock only', async () => {
    const timers = new FakeSessionTimers()
    let resolved = false
    const waiting = delay(timers, 1_000).then(() => {
      resolved = true
    })
    timers.advance(999)
    await Promise.resolve()
    expect(resolved).toBe(false)
    timers.advance(1)
    await waiting
    expect(resolved).toBe(true)
  })
})

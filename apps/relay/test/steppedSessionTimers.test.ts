import { describe, expect, it } from 'vitest'
import { realTimerMaxMs, SteppedSessionTimers } from './steppedSessionTimers.js'

describe('SteppedSessionTimers', () => {
  it('runs session-level waits only when advanced, earliest first, at their own time', () => {
    const timers = new SteppedSessionTimers()
    const start = timers.now()
    const fired: [string, number][] = []
    timers.setTimeout(() => fired.push(['peer timeout', timers.now() - start]), 300)
    timers.setTimeout(() => fired.push(['pause', timers.now() - start]), 100)
    const cancelled = timers.setTimeout(() => fired.push(['cancelled', 0]), 200)
    timers.clearTimeout(cancelled)
    timers.advance(299)
    expect(fired).toEqual([['pause', 100]])
    timers.advance(1)
    expect(fired).toEqual([
      ['pause', 100],
      ['peer timeout', 300],
    ])
    expect([timers.now() - start, timers.pendingManual]).toEqual([300, 0])
  })

  it('runs the short delivery waits on real timers, without advance, and can cancel them', async () => {
    const timers = new SteppedSessionTimers()
    const start = timers.now()
    const ran = await new Promise<string>((resolve) => {
      timers.setTimeout(() => resolve('linger'), 1)
      timers.clearTimeout(timers.setTimeout(() => resolve('cancelled'), 0))
    })
    expect(ran).toBe('linger')
    const acked = await new Promise<boolean>((resolve) =>
      timers.setTimeout(() => resolve(true), realTimerMaxMs),
    )
    expect(acked).toBe(true)
    // Real waits leave the session clock where it was.
    expect([timers.now() - start, timers.pendingManual]).toEqual([0, 0])
  })
})

import { describe, expect, it } from 'vitest'
import { ManualRelayClock } from './manualRelayClock.js'

/** Resolves after `turns` macrotask turns: work that is slower than one turn, like a Redis round trip. */
const slowWork = (turns: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : setImmediate(() => step(left - 1)))
    step(turns)
  })

describe('ManualRelayClock', () => {
  it('moves only when advanced, and fires each due interval at its own time', async () => {
    const clock = new ManualRelayClock()
    const start = clock.now()
    const fired: [string, number][] = []
    clock.every(100, () => void fired.push(['a', clock.now() - start]))
    clock.every(150, () => void fired.push(['b', clock.now() - start]))
    expect(clock.now()).toBe(start)
    await clock.advance(99)
    expect(fired).toEqual([])
    await clock.advance(211)
    expect(fired).toEqual([
      ['a', 100],
      ['b', 150],
      ['a', 200],
      ['a', 300],
      ['b', 300],
    ])
    expect(clock.now() - start).toBe(310)
  })

  it('waits for the work an interval returned before it fires the next timer (two nodes sweeping)', async () => {
    const clock = new ManualRelayClock()
    const log: string[] = []
    for (const [node, turns] of [
      ['redis node', 20],
      ['memory node', 0],
    ] as const) {
      clock.every(100, async () => {
        log.push(`${node} starts`)
        await slowWork(turns)
        log.push(`${node} done`)
      })
    }
    await clock.advance(100)
    expect(log).toEqual(['redis node starts', 'redis node done', 'memory node starts', 'memory node done'])
  })

  it('fires a one-shot timer once, at its time, unless cancelled', async () => {
    const clock = new ManualRelayClock()
    let fired = 0
    let cancelledFired = 0
    clock.after(500, () => fired++)
    const cancel = clock.after(200, () => cancelledFired++)
    expect(clock.pendingTimers).toBe(2)
    cancel()
    await clock.advance(499)
    expect(fired).toBe(0)
    await clock.advance(1)
    expect(fired).toBe(1)
    await clock.advance(10_000)
    expect([fired, cancelledFired, clock.pendingTimers]).toEqual([1, 0, 0])
  })

  it('stops an interval when its stop function is called, and refuses a non-positive interval', async () => {
    const clock = new ManualRelayClock()
    let fired = 0
    const stop = clock.every(10, () => void fired++)
    await clock.advance(30)
    stop()
    await clock.advance(100)
    expect(fired).toBe(3)
    expect(() => clock.every(0, () => {})).toThrow('An interval must be positive, not 0 ms.')
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createQuietWatch } from './quietWatch.js'
import { realTime } from './timers.js'

describe('createQuietWatch (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup() {
    let pendingRequests = 1
    let quiet = 0
    const watch = createQuietWatch(
      realTime,
      20_000,
      () => pendingRequests > 0,
      () => quiet++,
    )
    return { watch, quietCount: () => quiet, setPending: (count: number) => (pendingRequests = count) }
  }

  it('reports the wallet quiet after 20 s of silence, once', () => {
    const { watch, quietCount } = setup()
    watch.restart()
    vi.advanceTimersByTime(19_999)
    expect(quietCount()).toBe(0)
    vi.advanceTimersByTime(1)
    expect(quietCount()).toBe(1)
    vi.advanceTimersByTime(60_000)
    expect(quietCount()).toBe(1)
  })

  it('starts the 20 s again when restarted, and never fires once stopped', () => {
    const { watch, quietCount } = setup()
    watch.restart()
    vi.advanceTimersByTime(15_000)
    watch.restart()
    vi.advanceTimersByTime(15_000)
    expect(quietCount()).toBe(0)
    vi.advanceTimersByTime(5_000)
    expect(quietCount()).toBe(1)
    watch.restart()
    watch.stop()
    vi.advanceTimersByTime(60_000)
    expect(quietCount()).toBe(1)
  })

  it('stays silent when no request waits any more at the end of the wait', () => {
    const { watch, quietCount, setPending } = setup()
    watch.restart()
    setPending(0)
    vi.advanceTimersByTime(20_000)
    expect(quietCount()).toBe(0)
  })
})

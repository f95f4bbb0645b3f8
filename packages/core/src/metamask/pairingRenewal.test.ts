import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPairingRenewal } from './pairingRenewal.js'
import { realTime } from './timers.js'

describe('createPairingRenewal (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup(pairingTimeoutMs = 600_000) {
    let pairing = true
    let made = 0
    const renewed: number[] = []
    const ticks: number[] = []
    const renewal = createPairingRenewal({
      time: realTime,
      renewBeforeMs: 5_000,
      pairingTimeoutMs,
      isPairing: () => pairing,
      makeRequest: async () => ({ expiresAt: Date.now() + 60_000, id: ++made }),
      onRenewed: (request) => renewed.push(request.id),
      onTick: (now) => ticks.push(now),
      onError: (error) => {
        throw error
      },
    })
    return { renewal, renewed, ticks, stopPairing: () => (pairing = false) }
  }

  it('makes a new request 5 s before each one expires, and ticks every second', async () => {
    const { renewal, renewed, ticks } = setup()
    renewal.start({ expiresAt: 60_000, id: 0 })
    await vi.advanceTimersByTimeAsync(54_999)
    expect(renewed).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(renewed).toEqual([1])
    await vi.advanceTimersByTimeAsync(55_000)
    expect(renewed).toEqual([1, 2])
    expect(ticks.slice(0, 3)).toEqual([1_000, 2_000, 3_000])
    renewal.stop()
  })

  it('stops renewing after the pairing timeout, and stops ticking once paired', async () => {
    const { renewal, renewed, ticks, stopPairing } = setup(50_000)
    renewal.start({ expiresAt: 60_000, id: 0 })
    await vi.advanceTimersByTimeAsync(55_000)
    expect(renewed).toEqual([])
    stopPairing()
    const count = ticks.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(ticks.length).toBe(count + 1)
  })
})

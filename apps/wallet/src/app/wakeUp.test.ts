import { afterEach, describe, expect, it } from 'vitest'
import { listenForWakeUps, requestWakeUp } from './wakeUp.js'

const stops: (() => void)[] = []
afterEach(() => {
  for (const stop of stops.splice(0)) stop()
})

describe('wake-up links across tabs', () => {
  it('resumes the session of the woken channel and tells the waking page', async () => {
    const resumed: string[] = []
    stops.push(listenForWakeUps('channel-a', () => resumed.push('a')))
    stops.push(listenForWakeUps('channel-b', () => resumed.push('b')))
    expect(await requestWakeUp('channel-a', 2_000)).toBe(true)
    expect(resumed).toEqual(['a'])
  })

  it('reports that no tab holds an unknown channel, after the bounded wait', async () => {
    stops.push(listenForWakeUps('channel-a', () => {}))
    const started = Date.now()
    expect(await requestWakeUp('channel-x', 200)).toBe(false)
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
  })

  it('stops answering once the session ends', async () => {
    let resumed = 0
    const stop = listenForWakeUps('channel-c', () => {
      resumed++
    })
    stop()
    expect(await requestWakeUp('channel-c', 200)).toBe(false)
    expect(resumed).toBe(0)
  })
})

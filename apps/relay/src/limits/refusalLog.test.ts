import { describe, expect, it } from 'vitest'
import { createLogger } from '../logging/logger.js'
import { createRefusalLog, refusalLogIntervalMs } from './refusalLog.js'

describe('createRefusalLog', () => {
  it('writes one info line per scope and interval, counting the refusals it stands for', () => {
    const lines: Record<string, unknown>[] = []
    const log = createLogger({ level: 'info', sink: (line) => lines.push(JSON.parse(line)) })
    let time = 0
    const refusals = createRefusalLog(log, () => time)
    for (let i = 0; i < 20_000; i++) refusals.refused('rate_limited', 'socket', '203.0.113.7')
    refusals.refused('quota_exceeded', 'channels', '203.0.113.7')
    expect(lines.map((line) => [line['msg'], line['scope'], line['refusals']])).toEqual([
      ['rate_limited', 'socket', 1],
      ['quota_exceeded', 'channels', 1],
    ])
    time += refusalLogIntervalMs
    refusals.refused('rate_limited', 'socket', '203.0.113.7')
    expect(lines.at(-1)).toMatchObject({ msg: 'rate_limited', scope: 'socket', refusals: 20_000 })
    expect(JSON.stringify(lines)).not.toContain('203.0.113.7')
  })
})

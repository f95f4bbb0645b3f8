import { describe, expect, it } from 'vitest'
import { createLogger } from './logger.js'

describe('createLogger', () => {
  it('writes one JSON line per call at or above its level', () => {
    const lines: [string, string][] = []
    const log = createLogger({
      level: 'info',
      sink: (line, level) => lines.push([level, line]),
      base: { node: 'a' },
    })
    log.debug('hidden')
    log.info('shown', { channel: 'c' })
    log.error('bad')
    expect(lines.map(([level]) => level)).toEqual(['info', 'error'])
    expect(JSON.parse(lines[0]![1])).toMatchObject({ level: 'info', msg: 'shown', node: 'a', channel: 'c' })
    expect(log.enabled('debug')).toBe(false)
  })

  it('survives a sink that throws', () => {
    const log = createLogger({
      sink: () => {
        throw new Error('EPIPE')
      },
    })
    expect(() => log.info('x')).not.toThrow()
  })
})

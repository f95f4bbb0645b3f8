import { describe, expect, it } from 'vitest'
import { MwpRelayConfigError } from '../errors/MwpRelayError.js'
import { resolveCliOptions } from './cliOptions.js'

describe('resolveCliOptions', () => {
  it('reads env vars, and flags win over them', () => {
    expect(
      resolveCliOptions({
        env: { PORT: '8790', HISTORY_SIZE: '10' },
        argv: ['--port', '9000', '--history-ttl-ms=500'],
      }),
    ).toEqual({ port: 9000, historySize: 10, historyTtlMs: 500 })
  })

  it('rejects an unknown flag and a value that is not a whole number', () => {
    expect(() => resolveCliOptions({ env: {}, argv: ['--prot', '1'] })).toThrow(MwpRelayConfigError)
    expect(() => resolveCliOptions({ env: { PORT: 'eighty' }, argv: [] })).toThrow(
      '--port (PORT) is "eighty"; it must be a whole number',
    )
    expect(() => resolveCliOptions({ env: {}, argv: ['--port'] })).toThrow('--port needs a value')
  })
})

import { describe, expect, it } from 'vitest'
import { InvalidClusterOptionError } from '../errors/InvalidClusterOptionError.js'
import { parseClusterArgs } from './parseClusterArgs.js'

const alice = '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin'

describe('parseClusterArgs', () => {
  it('defaults to 127.0.0.1:8899 with nothing funded', () => {
    expect(parseClusterArgs([], {})).toEqual({ host: '127.0.0.1', port: 8899, fund: [] })
  })

  it('reads the environment, and flags win over it', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', FUND: `${alice}:2` }
    expect(parseClusterArgs([], env)).toEqual({
      host: '0.0.0.0',
      port: 9000,
      fund: [{ address: alice, lamports: 2_000_000_000n }],
    })
    expect(parseClusterArgs(['--port', '0', '--host=::1', `--fund=${alice}:1`], env)).toEqual({
      host: '::1',
      port: 0,
      fund: [{ address: alice, lamports: 1_000_000_000n }],
    })
  })

  it.each([[['--port', 'abc']], [['--port', '70000']], [['--port']], [['--verbose']], [['8899']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseClusterArgs(argv, {})).toThrow(InvalidClusterOptionError)
    },
  )

  it('rejects a bad PORT from the environment', () => {
    expect(() => parseClusterArgs([], { PORT: '-1' })).toThrow(/PORT "-1" is not a TCP port/)
  })
})

import { InvalidClusterOptionError } from '../errors/InvalidClusterOptionError.js'
import { type FundEntry, parseFundSpec } from './parseFundSpec.js'

/** The CLI's settings after reading flags and environment. */
export type ClusterArgs = { host: string; port: number; fund: FundEntry[] }

function parsePort(text: string, source: string): number {
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new InvalidClusterOptionError(`${source} "${text}" is not a TCP port.`, {
      details: 'Use an integer from 0 to 65535; 0 picks a free port.',
    })
  }
  return port
}

/**
 * Reads `--port`, `--host`, `--fund` (flags win) and `PORT`, `HOST`, `FUND` from the environment.
 *
 * @example parseClusterArgs(['--port', '0'], process.env) // { host: '127.0.0.1', port: 0, fund: [] }
 */
export function parseClusterArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ClusterArgs {
  const flags = new Map<string, string>()
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined]
    if (name !== 'port' && name !== 'host' && name !== 'fund') {
      throw new InvalidClusterOptionError(`Unknown argument "${arg}".`, {
        details: 'Usage: dapplink-cluster [--port N] [--host ADDRESS] [--fund PUBKEY:SOL,...]',
      })
    }
    const value = inline ?? argv[++index]
    if (value === undefined) throw new InvalidClusterOptionError(`--${name} needs a value.`)
    flags.set(name, value)
  }
  const portText = flags.get('port') ?? env['PORT'] ?? '8899'
  return {
    host: flags.get('host') ?? env['HOST'] ?? '127.0.0.1',
    port: parsePort(portText, flags.has('port') ? '--port' : 'PORT'),
    fund: parseFundSpec(flags.get('fund') ?? env['FUND'] ?? ''),
  }
}

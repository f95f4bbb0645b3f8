import { MwpRelayConfigError } from '../errors/MwpRelayError.js'
import type { StartMwpRelayOptions } from '../server/startMwpRelay.js'

/** The CLI's settings: each flag mirrors an env var; a flag wins over its env var. */
export const cliSettings = [
  { flag: '--port', env: 'PORT', option: 'port', kind: 'integer' },
  { flag: '--host', env: 'HOST', option: 'host', kind: 'string' },
  { flag: '--history-size', env: 'HISTORY_SIZE', option: 'historySize', kind: 'integer' },
  { flag: '--history-ttl-ms', env: 'HISTORY_TTL_MS', option: 'historyTtlMs', kind: 'integer' },
  {
    flag: '--max-publication-bytes',
    env: 'MAX_PUBLICATION_BYTES',
    option: 'maxPublicationBytes',
    kind: 'integer',
  },
  {
    flag: '--ping-interval-seconds',
    env: 'PING_INTERVAL_SECONDS',
    option: 'pingIntervalSeconds',
    kind: 'integer',
  },
] as const

/**
 * Reads the relay options from env vars and `--flag value` / `--flag=value` arguments.
 * Throws {@link MwpRelayConfigError} for an unknown flag or a value that is not an integer.
 */
export function resolveCliOptions(input: {
  env: Record<string, string | undefined>
  argv: readonly string[]
}): StartMwpRelayOptions {
  const values = new Map<string, string>()
  for (const setting of cliSettings) {
    const fromEnv = input.env[setting.env]
    if (fromEnv !== undefined && fromEnv !== '') values.set(setting.flag, fromEnv)
  }
  for (let index = 0; index < input.argv.length; index++) {
    const argument = input.argv[index] ?? ''
    const [flag = '', inline] = argument.split(/=(.*)/s, 2)
    if (!cliSettings.some((setting) => setting.flag === flag)) {
      throw new MwpRelayConfigError(`Unknown argument ${JSON.stringify(argument)}`, {
        details: `known flags: ${cliSettings.map((setting) => setting.flag).join(', ')}`,
      })
    }
    const value = inline ?? input.argv[++index]
    if (value === undefined) throw new MwpRelayConfigError(`${flag} needs a value`)
    values.set(flag, value)
  }
  const options: Record<string, string | number> = {}
  for (const setting of cliSettings) {
    const value = values.get(setting.flag)
    if (value === undefined) continue
    if (setting.kind === 'string') {
      options[setting.option] = value
      continue
    }
    if (!/^\d+$/.test(value)) {
      throw new MwpRelayConfigError(
        `${setting.flag} (${setting.env}) is ${JSON.stringify(value)}; it must be a whole number`,
      )
    }
    options[setting.option] = Number(value)
  }
  return options as StartMwpRelayOptions
}

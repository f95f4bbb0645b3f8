import { RelayConfigError } from '../errors/RelayError.js'
import type { RateLimit } from '../limits/TokenBucket.js'
import { type LogLevel, logLevels } from '../logging/logger.js'

/** Every setting of the relay, resolved (see `relayConfigDefaults`). */
export type RelayConfig = {
  /** TCP port; 0 picks a free one. */
  port: number
  host: string
  /** Largest frame accepted by `send`, in bytes. */
  maxFrameBytes: number
  /** Offline queue bounds, per channel and recipient role. */
  queueMaxFrames: number
  queueMaxBytes: number
  queueTtlMs: number
  /** A channel no wallet joined within this time is deleted. */
  halfOpenTtlMs: number
  /** A channel without activity (create, join, send) within this time is deleted. */
  idleTtlMs: number
  /** How often expired channels are looked for; 0 derives it from the TTLs. */
  sweepIntervalMs: number
  /** Events per socket (every event counts, including malformed ones). */
  socketEventsRate: RateLimit
  /** New connections per IP address. */
  ipConnectionsRate: RateLimit
  /** `create` events per IP address. */
  ipCreatesRate: RateLimit
  /** `join` events per IP address. */
  ipJoinsRate: RateLimit
  /** Redis URL; empty means one node with in-memory state. */
  redisUrl: string
  /** Prefix of every Redis key and of the socket.io adapter channels. */
  redisKeyPrefix: string
  logLevel: LogLevel
  /** Take the client IP from `X-Forwarded-For` (only behind a trusted proxy). */
  trustProxy: boolean
  /** With `trustProxy`: how many trusted proxies append to `X-Forwarded-For`; the client is that many entries from the right. */
  trustedProxyHops: number
  /** Live sockets on this node, in total and per client address. */
  maxSockets: number
  ipMaxSockets: number
  /** Live channels created through this node, in total and per creating address. */
  maxChannels: number
  ipMaxChannels: number
  /** RSS above which nothing new is admitted; the offline queues together hold at most half of it. */
  memoryBudgetBytes: number
  /** `Access-Control-Allow-Origin` for the HTTP long-polling transport. */
  corsOrigin: string
  /** Graceful shutdown gives up after this long. */
  shutdownTimeoutMs: number
}

/** Defaults; see docs/protocol.md section 3 for the protocol-visible ones. */
export const relayConfigDefaults: RelayConfig = {
  port: 8787,
  host: '127.0.0.1',
  maxFrameBytes: 65_536,
  queueMaxFrames: 256,
  queueMaxBytes: 1_048_576,
  queueTtlMs: 600_000,
  halfOpenTtlMs: 300_000,
  idleTtlMs: 1_800_000,
  sweepIntervalMs: 0,
  socketEventsRate: { perSecond: 50, burst: 100 },
  ipConnectionsRate: { perSecond: 5, burst: 50 },
  ipCreatesRate: { perSecond: 2, burst: 20 },
  ipJoinsRate: { perSecond: 5, burst: 50 },
  redisUrl: '',
  redisKeyPrefix: 'dapplink',
  logLevel: 'info',
  trustProxy: false,
  trustedProxyHops: 1,
  maxSockets: 10_000,
  ipMaxSockets: 50,
  maxChannels: 10_000,
  ipMaxChannels: 20,
  memoryBudgetBytes: 536_870_912,
  corsOrigin: '*',
  shutdownTimeoutMs: 5_000,
}

type Kind = 'int' | 'string' | 'bool' | 'level' | 'rate'

/** One setting: its env var, its flag (`--port`), its kind and where it lands in `RelayConfig`. */
type Setting = { env: string; key: keyof RelayConfig; kind: Kind; min?: number; part?: keyof RateLimit }

const settings: Setting[] = [
  { env: 'PORT', key: 'port', kind: 'int', min: 0 },
  { env: 'HOST', key: 'host', kind: 'string' },
  { env: 'MAX_FRAME_BYTES', key: 'maxFrameBytes', kind: 'int', min: 1 },
  { env: 'QUEUE_MAX_FRAMES', key: 'queueMaxFrames', kind: 'int', min: 1 },
  { env: 'QUEUE_MAX_BYTES', key: 'queueMaxBytes', kind: 'int', min: 1 },
  { env: 'QUEUE_TTL_MS', key: 'queueTtlMs', kind: 'int', min: 1 },
  { env: 'HALF_OPEN_TTL_MS', key: 'halfOpenTtlMs', kind: 'int', min: 1 },
  { env: 'IDLE_TTL_MS', key: 'idleTtlMs', kind: 'int', min: 1 },
  { env: 'SWEEP_INTERVAL_MS', key: 'sweepIntervalMs', kind: 'int', min: 0 },
  { env: 'RATE_SOCKET_EVENTS_PER_SEC', key: 'socketEventsRate', kind: 'rate', part: 'perSecond' },
  { env: 'RATE_SOCKET_EVENTS_BURST', key: 'socketEventsRate', kind: 'rate', part: 'burst' },
  { env: 'RATE_IP_CONNECTIONS_PER_SEC', key: 'ipConnectionsRate', kind: 'rate', part: 'perSecond' },
  { env: 'RATE_IP_CONNECTIONS_BURST', key: 'ipConnectionsRate', kind: 'rate', part: 'burst' },
  { env: 'RATE_IP_CREATES_PER_SEC', key: 'ipCreatesRate', kind: 'rate', part: 'perSecond' },
  { env: 'RATE_IP_CREATES_BURST', key: 'ipCreatesRate', kind: 'rate', part: 'burst' },
  { env: 'RATE_IP_JOINS_PER_SEC', key: 'ipJoinsRate', kind: 'rate', part: 'perSecond' },
  { env: 'RATE_IP_JOINS_BURST', key: 'ipJoinsRate', kind: 'rate', part: 'burst' },
  { env: 'REDIS_URL', key: 'redisUrl', kind: 'string' },
  { env: 'REDIS_KEY_PREFIX', key: 'redisKeyPrefix', kind: 'string' },
  { env: 'LOG_LEVEL', key: 'logLevel', kind: 'level' },
  { env: 'TRUST_PROXY', key: 'trustProxy', kind: 'bool' },
  { env: 'TRUSTED_PROXY_HOPS', key: 'trustedProxyHops', kind: 'int', min: 1 },
  { env: 'MAX_SOCKETS', key: 'maxSockets', kind: 'int', min: 1 },
  { env: 'IP_MAX_SOCKETS', key: 'ipMaxSockets', kind: 'int', min: 1 },
  { env: 'MAX_CHANNELS', key: 'maxChannels', kind: 'int', min: 1 },
  { env: 'IP_MAX_CHANNELS', key: 'ipMaxChannels', kind: 'int', min: 1 },
  { env: 'MEMORY_BUDGET_BYTES', key: 'memoryBudgetBytes', kind: 'int', min: 16_777_216 },
  { env: 'CORS_ORIGIN', key: 'corsOrigin', kind: 'string' },
  { env: 'SHUTDOWN_TIMEOUT_MS', key: 'shutdownTimeoutMs', kind: 'int', min: 0 },
]

/** `MAX_FRAME_BYTES` → `--max-frame-bytes`. */
export const flagOf = (env: string): string => `--${env.toLowerCase().replaceAll('_', '-')}`

/** The env var names and flags the relay reads, for `--help` and the README. */
export const relaySettingNames: readonly { env: string; flag: string }[] = settings.map((s) => ({
  env: s.env,
  flag: flagOf(s.env),
}))

export type ResolveRelayConfigParameters = {
  /** Environment variables (usually `process.env`). */
  env?: Record<string, string | undefined>
  /** Command-line arguments after the script (`--port 0 --log-level debug`, or `--port=0`). */
  argv?: readonly string[]
}

/**
 * Resolves the relay settings: flags win over env vars, env vars over `relayConfigDefaults`.
 * Throws `RelayConfigError` on an unknown flag or a value it cannot use.
 *
 * @example
 * const config = resolveRelayConfig({ env: process.env, argv: process.argv.slice(2) })
 */
export function resolveRelayConfig(parameters: ResolveRelayConfigParameters = {}): RelayConfig {
  const env = parameters.env ?? {}
  const flags = parseFlags(parameters.argv ?? [])
  const config: RelayConfig = {
    ...relayConfigDefaults,
    socketEventsRate: { ...relayConfigDefaults.socketEventsRate },
    ipConnectionsRate: { ...relayConfigDefaults.ipConnectionsRate },
    ipCreatesRate: { ...relayConfigDefaults.ipCreatesRate },
    ipJoinsRate: { ...relayConfigDefaults.ipJoinsRate },
  }
  for (const setting of settings) {
    const flag = flagOf(setting.env)
    const fromFlag = flags.get(flag)
    const raw = fromFlag ?? env[setting.env]
    if (raw === undefined || (fromFlag === undefined && raw === '' && setting.kind !== 'string')) continue
    applySetting(config, setting, raw, fromFlag === undefined ? setting.env : flag)
  }
  return config
}

function parseFlags(argv: readonly string[]): Map<string, string> {
  const known = new Set(settings.map((s) => flagOf(s.env)))
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg : arg.slice(0, eq)
    if (!known.has(name)) {
      throw new RelayConfigError(`Unknown option ${JSON.stringify(name)}.`, {
        details: `Known options: ${[...known].join(', ')}.`,
      })
    }
    let value: string | undefined = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined) throw new RelayConfigError(`Option ${name} needs a value, e.g. ${name} 8787.`)
    if (eq === -1 && value.startsWith('--') && known.has(value.split('=')[0]!)) {
      throw new RelayConfigError(`Option ${name} needs a value; got the option ${value} instead.`)
    }
    value = value.trim()
    flags.set(name, value)
  }
  return flags
}

function applySetting(config: RelayConfig, setting: Setting, raw: string, source: string): void {
  const target = config as Record<keyof RelayConfig, unknown>
  switch (setting.kind) {
    case 'string':
      target[setting.key] = raw
      return
    case 'bool': {
      const value = raw.toLowerCase()
      if (!['1', 'true', 'yes', '0', 'false', 'no'].includes(value)) {
        throw new RelayConfigError(`${source} must be true or false; got ${JSON.stringify(raw)}.`)
      }
      target[setting.key] = ['1', 'true', 'yes'].includes(value)
      return
    }
    case 'level': {
      if (!(logLevels as readonly string[]).includes(raw)) {
        throw new RelayConfigError(
          `${source} must be one of ${logLevels.join(', ')}; got ${JSON.stringify(raw)}.`,
        )
      }
      target[setting.key] = raw
      return
    }
    case 'int': {
      const value = Number(raw)
      const min = setting.min ?? 0
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
        throw new RelayConfigError(`${source} must be a whole number ≥ ${min}; got ${JSON.stringify(raw)}.`)
      }
      if (setting.key === 'port' && value > 65_535) {
        throw new RelayConfigError(`${source} must be a TCP port (0-65535); got ${value}.`)
      }
      target[setting.key] = value
      return
    }
    case 'rate': {
      const value = Number(raw)
      if (raw === '' || !Number.isFinite(value) || value <= 0) {
        throw new RelayConfigError(`${source} must be a positive number; got ${JSON.stringify(raw)}.`)
      }
      ;(target[setting.key] as RateLimit)[setting.part!] = value
      return
    }
  }
}

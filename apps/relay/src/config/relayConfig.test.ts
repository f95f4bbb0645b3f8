import { describe, expect, it } from 'vitest'
import { RelayConfigError } from '../errors/RelayError.js'
import { flagOf, relayConfigDefaults, resolveRelayConfig } from './relayConfig.js'

describe('resolveRelayConfig', () => {
  it('has the documented defaults', () => {
    expect(resolveRelayConfig()).toEqual(relayConfigDefaults)
    expect(relayConfigDefaults).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      maxFrameBytes: 65_536,
      queueMaxFrames: 256,
      queueMaxBytes: 1_048_576,
      queueTtlMs: 600_000,
      halfOpenTtlMs: 300_000,
      idleTtlMs: 1_800_000,
      redisUrl: '',
      logLevel: 'info',
    })
  })

  it('reads env vars, and flags win over them', () => {
    const config = resolveRelayConfig({
      env: {
        PORT: '9000',
        HOST: '0.0.0.0',
        QUEUE_TTL_MS: '500',
        RATE_IP_JOINS_BURST: '7',
        REDIS_URL: 'redis://x:1',
      },
      argv: ['--port', '0', '--log-level=debug', '--rate-ip-joins-per-sec', '0.5', '--trust-proxy', 'true'],
    })
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      queueTtlMs: 500,
      ipJoinsRate: { perSecond: 0.5, burst: 7 },
      redisUrl: 'redis://x:1',
      logLevel: 'debug',
      trustProxy: true,
    })
    // Defaults are not mutated by a resolution.
    expect(relayConfigDefaults.ipJoinsRate).toEqual({ perSecond: 5, burst: 50 })
  })

  it('refuses unknown flags and unusable values with a clear message', () => {
    const cases: [Parameters<typeof resolveRelayConfig>[0], string][] = [
      [{ argv: ['--prot', '1'] }, 'Unknown option "--prot"'],
      [{ argv: ['--port'] }, '--port needs a value'],
      [{ argv: ['--port', '--host', 'x'] }, '--port needs a value'],
      [{ env: { PORT: '70000' } }, 'PORT must be a TCP port'],
      [{ env: { MAX_FRAME_BYTES: '0' } }, 'MAX_FRAME_BYTES must be a whole number ≥ 1'],
      [{ env: { QUEUE_TTL_MS: '1.5' } }, 'QUEUE_TTL_MS must be a whole number'],
      [{ env: { LOG_LEVEL: 'loud' } }, 'LOG_LEVEL must be one of'],
      [{ env: { RATE_SOCKET_EVENTS_BURST: '-1' } }, 'must be a positive number'],
      [{ env: { TRUST_PROXY: 'maybe' } }, 'TRUST_PROXY must be true or false'],
    ]
    for (const [parameters, message] of cases) {
      expect(() => resolveRelayConfig(parameters)).toThrow(RelayConfigError)
      expect(() => resolveRelayConfig(parameters)).toThrow(message)
    }
  })

  it('maps env names to flags', () => {
    expect(flagOf('HALF_OPEN_TTL_MS')).toBe('--half-open-ttl-ms')
  })

  it('reads the quota and proxy settings', () => {
    const config = resolveRelayConfig({
      env: { TRUSTED_PROXY_HOPS: '2', IP_MAX_CHANNELS: '3', MEMORY_BUDGET_BYTES: '67108864' },
      argv: ['--ip-max-sockets', '4', '--max-sockets=100', '--max-channels', '50'],
    })
    expect(config).toMatchObject({
      trustedProxyHops: 2,
      ipMaxChannels: 3,
      ipMaxSockets: 4,
      maxSockets: 100,
      maxChannels: 50,
      memoryBudgetBytes: 67_108_864,
    })
    expect(() => resolveRelayConfig({ env: { TRUSTED_PROXY_HOPS: '0' } })).toThrow(RelayConfigError)
    expect(() => resolveRelayConfig({ env: { MEMORY_BUDGET_BYTES: '1000' } })).toThrow(/≥ 16777216/)
  })
})

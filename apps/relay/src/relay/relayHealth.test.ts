import { describe, expect, it } from 'vitest'
import type { QuotaUsage } from '../limits/RelayQuotas.js'
import { type RelayHealthSources, readRelayHealth } from './relayHealth.js'

const usage = { sockets: 2 } as unknown as QuotaUsage

function sources(overrides: Partial<RelayHealthSources> = {}): RelayHealthSources {
  return {
    store: { kind: 'redis', healthy: () => true, countChannels: async () => 7 },
    closing: () => false,
    uptimeMs: () => 12_600,
    sockets: () => 3,
    localChannels: () => 2,
    usage: () => usage,
    limiterAddresses: () => 4,
    ...overrides,
  }
}

describe('readRelayHealth', () => {
  it('reports a healthy node with its counts and its uptime in whole seconds', async () => {
    expect(await readRelayHealth(sources())).toEqual({
      status: 'ok',
      uptime: 13,
      sockets: 3,
      channels: 2,
      storedChannels: 7,
      store: 'redis',
      usage,
      limiterAddresses: 4,
    })
  })

  it('is degraded when the store says it is unhealthy, and closing once shutdown began', async () => {
    const unhealthy = { kind: 'redis' as const, healthy: () => false, countChannels: async () => 7 }
    expect((await readRelayHealth(sources({ store: unhealthy }))).status).toBe('degraded')
    expect((await readRelayHealth(sources({ store: unhealthy, closing: () => true }))).status).toBe('closing')
  })

  it('does not throw when the store cannot count its channels', async () => {
    const failing = {
      kind: 'redis' as const,
      healthy: () => false,
      countChannels: () => Promise.reject(new Error('Connection is closed.')),
    }
    expect(await readRelayHealth(sources({ store: failing }))).toMatchObject({
      status: 'degraded',
      storedChannels: null,
    })
  })
})

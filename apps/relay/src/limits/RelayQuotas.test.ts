import { describe, expect, it } from 'vitest'
import { RelayQuotas } from './RelayQuotas.js'

const settings = {
  maxSockets: 5,
  ipMaxSockets: 2,
  maxChannels: 4,
  ipMaxChannels: 2,
  memoryBudgetBytes: 1_000,
}

function quotas(measure: { rss?: number; queuedBytes?: number | null } = {}) {
  const state = {
    rss: measure.rss ?? 100,
    queuedBytes: measure.queuedBytes === undefined ? 0 : measure.queuedBytes,
  }
  return {
    state,
    quotas: new RelayQuotas(settings, { rss: () => state.rss, queuedBytes: () => state.queuedBytes }),
  }
}

describe('RelayQuotas', () => {
  it('caps sockets per address and in total; a closed socket frees its slot', () => {
    const { quotas: q } = quotas()
    q.socketOpened('a')
    q.socketOpened('a')
    expect(q.admitSocket('a')?.scope).toBe('ip_sockets')
    expect(q.admitSocket('b')).toBeNull()
    q.socketOpened('b')
    q.socketOpened('b')
    q.socketOpened('c')
    expect(q.admitSocket('d')?.scope).toBe('sockets')
    q.socketClosed('a')
    expect(q.admitSocket('a')).toBeNull()
  })

  it('caps channels per address and in total; re-creating a counted channel is free', () => {
    const { quotas: q } = quotas()
    q.channelCreated('a', 'c1')
    q.channelCreated('a', 'c2')
    expect(q.admitChannel('a', 'c3')?.scope).toBe('ip_channels')
    expect(q.admitChannel('a', 'c1')).toBeNull()
    q.channelCreated('b', 'c3')
    q.channelCreated('b', 'c4')
    expect(q.admitChannel('e', 'c5')?.scope).toBe('channels')
    q.channelGone('c1')
    expect(q.admitChannel('a', 'c5')).toBeNull()
  })

  it('forgets an address once it holds nothing', () => {
    const { quotas: q } = quotas()
    q.socketOpened('a')
    q.channelCreated('a', 'c1')
    expect(q.usageReport().addresses).toBe(1)
    q.socketClosed('a')
    q.channelGone('c1')
    expect(q.usageReport()).toMatchObject({ addresses: 0, sockets: 0, ownedChannels: 0 })
  })

  it('refuses everything new above the memory budget, and frames past half of it in queues', () => {
    const { quotas: q, state } = quotas()
    expect(q.admitFrame(400)).toBeNull()
    state.queuedBytes = 300
    expect(q.admitFrame(201)?.scope).toBe('queued_bytes')
    state.queuedBytes = null // Redis holds the queues: only RSS counts
    expect(q.admitFrame(10_000)).toBeNull()
    state.rss = 1_001
    expect(q.admitSocket('z')?.scope).toBe('memory')
    expect(q.admitChannel('z', 'c9')?.scope).toBe('memory')
    expect(q.admitFrame(1)?.scope).toBe('memory')
  })
})

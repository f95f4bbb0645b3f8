import type { QuotaUsage } from '../limits/RelayQuotas.js'
import type { ChannelStore } from '../store/ChannelStore.js'

/** Health report served at `GET /health` (this node only). */
export type RelayHealth = {
  status: 'ok' | 'degraded' | 'closing'
  /** Seconds since start. */
  uptime: number
  /** Connected sockets on this node. */
  sockets: number
  /** Channels with a member socket on this node. */
  channels: number
  /** Channels in the store (all nodes in Redis mode). */
  storedChannels: number | null
  store: 'memory' | 'redis'
  /** What the quotas count (limits/RelayQuotas.ts): sockets, channels, addresses, queued bytes, RSS. */
  usage: QuotaUsage
  /** Addresses the connection rate limiter remembers (pruned by the sweep once their bucket refilled). */
  limiterAddresses: number
}

/** What a node's health report reads, each at the moment of the request. */
export type RelayHealthSources = {
  store: Pick<ChannelStore, 'countChannels' | 'healthy' | 'kind'>
  closing: () => boolean
  /** Milliseconds since the node started. */
  uptimeMs: () => number
  sockets: () => number
  localChannels: () => number
  usage: () => QuotaUsage
  limiterAddresses: () => number
}

/**
 * The node's health: `ok`, `degraded` when the store reports itself unhealthy, `closing` once shutdown
 * began. Never throws: a store that cannot count its channels reports `storedChannels: null`.
 */
export async function readRelayHealth(sources: RelayHealthSources): Promise<RelayHealth> {
  const { store } = sources
  let storedChannels: number | null = null
  try {
    storedChannels = await store.countChannels()
  } catch {
    // A failing store says so through `healthy()`, hence the status.
  }
  return {
    status: sources.closing() ? 'closing' : store.healthy() ? 'ok' : 'degraded',
    uptime: Math.round(sources.uptimeMs() / 1000),
    sockets: sources.sockets(),
    channels: sources.localChannels(),
    storedChannels,
    store: store.kind,
    usage: sources.usage(),
    limiterAddresses: sources.limiterAddresses(),
  }
}

import type { RelayConfig } from '../config/relayConfig.js'

/** The relay settings the quotas read. */
export type QuotaSettings = Pick<
  RelayConfig,
  'maxSockets' | 'ipMaxSockets' | 'maxChannels' | 'ipMaxChannels' | 'memoryBudgetBytes'
>

/** Why a socket, channel or frame was refused; `scope` names the cap (for logs and metrics). */
export type QuotaRefusal = {
  scope: 'sockets' | 'ip_sockets' | 'channels' | 'ip_channels' | 'memory' | 'queued_bytes'
  message: string
}

/** What the relay holds right now, as the quotas count it (served in `/health`). */
export type QuotaUsage = {
  sockets: number
  ownedChannels: number
  /** Addresses with a live socket or channel. */
  addresses: number
  /** Bytes in the offline queues (memory store), null when the store does not hold them (Redis). */
  queuedBytes: number | null
  rssBytes: number
}

type Usage = { sockets: number; channels: number }

/**
 * Global and per-address caps on live sockets and channels, and a memory budget: above
 * `memoryBudgetBytes` of RSS nothing new is admitted, and the offline queues together may hold at most
 * half of it. Each address can hold at most `ipMaxChannels` channels, so at most
 * `ipMaxChannels × 2 × queueMaxBytes` of queued frames. Counts are of this node (a Redis deployment
 * multiplies them by its node count).
 */
export class RelayQuotas {
  private readonly byAddress = new Map<string, Usage>()
  private readonly channelOwners = new Map<string, string>()
  private sockets = 0

  constructor(
    private readonly settings: QuotaSettings,
    private readonly measure: { rss: () => number; queuedBytes: () => number | null },
  ) {}

  /** Whether a new socket from `ip` may connect. */
  admitSocket(ip: string): QuotaRefusal | null {
    if (this.overMemory()) return this.memoryRefusal()
    if (this.sockets >= this.settings.maxSockets)
      return { scope: 'sockets', message: 'This relay holds as many connections as it can; retry later.' }
    if ((this.byAddress.get(ip)?.sockets ?? 0) >= this.settings.ipMaxSockets)
      return {
        scope: 'ip_sockets',
        message: `This address holds ${this.settings.ipMaxSockets} connections already; close some first.`,
      }
    return null
  }

  socketOpened(ip: string): void {
    this.sockets++
    this.usage(ip).sockets++
  }

  socketClosed(ip: string): void {
    this.sockets = Math.max(0, this.sockets - 1)
    const usage = this.byAddress.get(ip)
    if (!usage) return
    usage.sockets = Math.max(0, usage.sockets - 1)
    this.forgetIfIdle(ip, usage)
  }

  /** Whether `ip` may create `channel` (re-creating a channel this node already counts is always fine). */
  admitChannel(ip: string, channel: string): QuotaRefusal | null {
    if (this.channelOwners.has(channel)) return null
    if (this.overMemory()) return this.memoryRefusal()
    if (this.channelOwners.size >= this.settings.maxChannels)
      return { scope: 'channels', message: 'This relay holds as many channels as it can; retry later.' }
    if ((this.byAddress.get(ip)?.channels ?? 0) >= this.settings.ipMaxChannels)
      return {
        scope: 'ip_channels',
        message: `This address holds ${this.settings.ipMaxChannels} open channels already; close or let some expire first.`,
      }
    return null
  }

  channelCreated(ip: string, channel: string): void {
    if (this.channelOwners.has(channel)) return
    this.channelOwners.set(channel, ip)
    this.usage(ip).channels++
  }

  /** The channel was deleted (leave with close, expiry, or found missing from the store). */
  channelGone(channel: string): void {
    const ip = this.channelOwners.get(channel)
    if (ip === undefined) return
    this.channelOwners.delete(channel)
    const usage = this.byAddress.get(ip)
    if (!usage) return
    usage.channels = Math.max(0, usage.channels - 1)
    this.forgetIfIdle(ip, usage)
  }

  /** The channels this node counts, to check against the store now and then. */
  countedChannels(): string[] {
    return [...this.channelOwners.keys()]
  }

  /** Whether a frame of `bytes` may be queued. */
  admitFrame(bytes: number): QuotaRefusal | null {
    if (this.overMemory()) return this.memoryRefusal()
    const queued = this.measure.queuedBytes()
    if (queued !== null && queued + bytes > this.queueBudgetBytes())
      return {
        scope: 'queued_bytes',
        message: 'The relay queues as many frames as its memory budget allows; retry later.',
      }
    return null
  }

  usageReport(): QuotaUsage {
    return {
      sockets: this.sockets,
      ownedChannels: this.channelOwners.size,
      addresses: this.byAddress.size,
      queuedBytes: this.measure.queuedBytes(),
      rssBytes: this.measure.rss(),
    }
  }

  private queueBudgetBytes(): number {
    return Math.floor(this.settings.memoryBudgetBytes / 2)
  }

  private overMemory(): boolean {
    return this.measure.rss() > this.settings.memoryBudgetBytes
  }

  private memoryRefusal(): QuotaRefusal {
    return { scope: 'memory', message: 'The relay is at its memory budget; retry later.' }
  }

  private usage(ip: string): Usage {
    let usage = this.byAddress.get(ip)
    if (!usage) {
      usage = { sockets: 0, channels: 0 }
      this.byAddress.set(ip, usage)
    }
    return usage
  }

  private forgetIfIdle(ip: string, usage: Usage): void {
    if (usage.sockets === 0 && usage.channels === 0) this.byAddress.delete(ip)
  }
}

import { otherRole, type Role } from '../protocol/relayMessages.js'
import {
  type ChannelHashes,
  type ChannelStore,
  type ClaimResult,
  channelDeadline,
  type EnqueueResult,
  type ExpiredChannel,
  type JoinHashes,
  type MemberResult,
  type QueuedFrame,
  type RekeyResult,
  type StorePolicy,
} from './ChannelStore.js'
import { sameText } from './sameText.js'

type StoredFrame = QueuedFrame & { at: number }

type MemoryChannel = {
  dappTokenHash: string
  walletTokenHash: string
  walletSessionTokenHash: string | null
  createdAt: number
  lastActivityAt: number
  walletJoined: boolean
  sockets: Record<Role, string | null>
  nextId: Record<Role, number>
  queues: Record<Role, StoredFrame[]>
  bytes: Record<Role, number>
}

/** The single-node `ChannelStore`: everything in a Map, gone when the process exits. */
export class MemoryChannelStore implements ChannelStore {
  readonly kind = 'memory'
  private readonly channels = new Map<string, MemoryChannel>()
  /** Sum of every queue's bytes, kept in step with `bytes` so the relay's memory budget costs O(1). */
  private totalBytes = 0

  constructor(private readonly policy: StorePolicy) {}

  async create(
    channel: string,
    hashes: ChannelHashes,
    now: number,
  ): Promise<'created' | 'exists' | 'conflict'> {
    const existing = this.channels.get(channel)
    if (existing) {
      const same =
        sameText(existing.dappTokenHash, hashes.dappTokenHash) &&
        sameText(existing.walletTokenHash, hashes.walletTokenHash)
      if (!same) return 'conflict'
      if (hashes.walletSessionTokenHash && !this.pair(existing, hashes.walletSessionTokenHash))
        return 'conflict'
      existing.lastActivityAt = now
      return 'exists'
    }
    this.channels.set(channel, {
      dappTokenHash: hashes.dappTokenHash,
      walletTokenHash: hashes.walletTokenHash,
      walletSessionTokenHash: hashes.walletSessionTokenHash ?? null,
      createdAt: now,
      lastActivityAt: now,
      walletJoined: false,
      sockets: { dapp: null, wallet: null },
      nextId: { dapp: 0, wallet: 0 },
      queues: { dapp: [], wallet: [] },
      bytes: { dapp: 0, wallet: 0 },
    })
    return 'created'
  }

  async tokenHash(channel: string, role: Role): Promise<string | null> {
    const record = this.channels.get(channel)
    if (!record) return null
    return role === 'dapp' ? record.dappTokenHash : record.walletTokenHash
  }

  async joinHashes(channel: string, role: Role): Promise<JoinHashes | null> {
    const record = this.channels.get(channel)
    if (!record) return null
    const peerPresent = record.sockets[otherRole(role)] !== null
    if (role === 'dapp') return { accepted: record.dappTokenHash, superseded: null, peerPresent }
    if (record.walletSessionTokenHash === null)
      return { accepted: record.walletTokenHash, superseded: null, peerPresent }
    return { accepted: record.walletSessionTokenHash, superseded: record.walletTokenHash, peerPresent }
  }

  async rekey(
    channel: string,
    socketId: string,
    walletSessionTokenHash: string,
    now: number,
  ): Promise<RekeyResult> {
    const record = this.channels.get(channel)
    if (!record) return 'unknown_channel'
    if (record.sockets.dapp !== socketId) return 'not_member'
    if (!this.pair(record, walletSessionTokenHash)) return 'conflict'
    record.lastActivityAt = now
    return 'ok'
  }

  async claim(
    channel: string,
    role: Role,
    socketId: string,
    verifiedHash: string,
    now: number,
  ): Promise<ClaimResult> {
    const record = this.channels.get(channel)
    if (!record) return { status: 'unknown_channel' }
    const accepted =
      role === 'dapp' ? record.dappTokenHash : (record.walletSessionTokenHash ?? record.walletTokenHash)
    if (accepted !== verifiedHash) {
      return { status: 'unauthorized' }
    }
    const peer = record.sockets[otherRole(role)]
    if (peer === socketId) return { status: 'holds_other_role' }
    const previous = record.sockets[role]
    record.sockets[role] = socketId
    if (role === 'wallet') record.walletJoined = true
    record.lastActivityAt = now
    return { status: 'ok', previous: previous === socketId ? null : previous, peer }
  }

  async enqueue(channel: string, socketId: string, frame: Buffer, now: number): Promise<EnqueueResult> {
    const record = this.channels.get(channel)
    if (!record) return { status: 'unknown_channel' }
    const from = this.roleOf(record, socketId)
    if (!from) return { status: 'not_member' }
    const to = otherRole(from)
    this.prune(record, to, now)
    const queue = record.queues[to]
    if (
      queue.length >= this.policy.queueMaxFrames ||
      record.bytes[to] + frame.length > this.policy.queueMaxBytes
    ) {
      return { status: 'queue_full' }
    }
    const id = ++record.nextId[to]
    // Copy: socket.io may hand us a view into a larger transport buffer.
    queue.push({ id, frame: Buffer.from(frame), at: now })
    record.bytes[to] += frame.length
    this.totalBytes += frame.length
    record.lastActivityAt = now
    return { status: 'ok', id, recipient: to, recipientSocket: record.sockets[to] }
  }

  async ack(channel: string, socketId: string, id: number): Promise<'ok' | 'unknown_channel' | 'not_member'> {
    const record = this.channels.get(channel)
    if (!record) return 'unknown_channel'
    const role = this.roleOf(record, socketId)
    if (!role) return 'not_member'
    const queue = record.queues[role]
    let drop = 0
    const before = record.bytes[role]
    while (drop < queue.length && queue[drop]!.id <= id) record.bytes[role] -= queue[drop++]!.frame.length
    this.totalBytes -= before - record.bytes[role]
    queue.splice(0, drop)
    return 'ok'
  }

  async pending(
    channel: string,
    socketId: string,
    afterId: number,
    now: number,
    max: number,
  ): Promise<QueuedFrame[] | null> {
    const record = this.channels.get(channel)
    if (!record) return null
    const role = this.roleOf(record, socketId)
    if (!role) return null
    this.prune(record, role, now)
    const frames: QueuedFrame[] = []
    for (const stored of record.queues[role]) {
      if (stored.id <= afterId) continue
      frames.push({ id: stored.id, frame: stored.frame })
      if (frames.length >= max) break
    }
    return frames
  }

  async release(channel: string, socketId: string): Promise<MemberResult> {
    const record = this.channels.get(channel)
    if (!record) return { status: 'unknown_channel' }
    const role = this.roleOf(record, socketId)
    if (!role) return { status: 'not_member' }
    record.sockets[role] = null
    return { status: 'ok', role, peer: record.sockets[otherRole(role)] }
  }

  async remove(channel: string, socketId: string): Promise<MemberResult> {
    const record = this.channels.get(channel)
    if (!record) return { status: 'unknown_channel' }
    const role = this.roleOf(record, socketId)
    if (!role) return { status: 'not_member' }
    this.forget(channel, record)
    const peerQueue = record.queues[otherRole(role)].slice(0, 64).map(({ id, frame }) => ({ id, frame }))
    const peer = record.sockets[otherRole(role)]
    return peerQueue.length > 0 ? { status: 'ok', role, peer, peerQueue } : { status: 'ok', role, peer }
  }

  async sweep(now: number, max: number): Promise<ExpiredChannel[]> {
    const expired: ExpiredChannel[] = []
    for (const [channel, record] of this.channels) {
      if (expired.length >= max) break
      if (channelDeadline(record, this.policy) > now) continue
      this.forget(channel, record)
      const sockets = [record.sockets.dapp, record.sockets.wallet].filter((s): s is string => s !== null)
      expired.push({ channel, sockets })
    }
    return expired
  }

  async countChannels(): Promise<number | null> {
    return this.channels.size
  }

  queuedBytes(): number | null {
    return this.totalBytes
  }

  healthy(): boolean {
    return true
  }

  async close(): Promise<void> {
    this.channels.clear()
    this.totalBytes = 0
  }

  /** Sets the session hash if none is set; false when another one is. */
  private pair(record: MemoryChannel, walletSessionTokenHash: string): boolean {
    if (record.walletSessionTokenHash === null) {
      record.walletSessionTokenHash = walletSessionTokenHash
      return true
    }
    return sameText(record.walletSessionTokenHash, walletSessionTokenHash)
  }

  private forget(channel: string, record: MemoryChannel): void {
    this.channels.delete(channel)
    this.totalBytes -= record.bytes.dapp + record.bytes.wallet
  }

  private roleOf(record: MemoryChannel, socketId: string): Role | null {
    if (record.sockets.dapp === socketId) return 'dapp'
    if (record.sockets.wallet === socketId) return 'wallet'
    return null
  }

  /** Drops frames older than the queue TTL (the queue is in id order, so also in age order). */
  private prune(record: MemoryChannel, role: Role, now: number): void {
    const queue = record.queues[role]
    let drop = 0
    while (drop < queue.length && queue[drop]!.at + this.policy.queueTtlMs <= now) {
      const length = queue[drop++]!.frame.length
      record.bytes[role] -= length
      this.totalBytes -= length
    }
    if (drop > 0) queue.splice(0, drop)
  }
}

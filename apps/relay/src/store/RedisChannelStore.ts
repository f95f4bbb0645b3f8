import type { Redis } from 'ioredis'
import type { Role } from '../protocol/relayMessages.js'
import type {
  ChannelHashes,
  ChannelStore,
  ClaimResult,
  EnqueueResult,
  ExpiredChannel,
  JoinHashes,
  MemberResult,
  QueuedFrame,
  RekeyResult,
  StorePolicy,
} from './ChannelStore.js'
import { channelRecordKey, channelScriptKeys, expiryIndexKey } from './redisKeys.js'
import { type RedisScriptName, redisScriptPrelude, redisScripts } from './redisScripts.js'
import { sameText } from './sameText.js'

type Reply = Buffer | number | null | Reply[]
type ScriptClient = Record<
  `${RedisScriptName}Buffer`,
  (...args: (string | number | Buffer)[]) => Promise<Reply>
>

const text = (value: Reply | undefined): string =>
  Buffer.isBuffer(value) ? value.toString('utf8') : value === null || value === undefined ? '' : String(value)
const orNull = (value: string) => (value === '' ? null : value)

/**
 * The multi-node `ChannelStore` on Redis (ioredis). Binary frames are stored as Redis strings
 * and come back as Buffers. The caller owns `client` and closes it (it is shared with the
 * socket.io Redis adapter).
 */
export class RedisChannelStore implements ChannelStore {
  readonly kind = 'redis'
  private readonly run: ScriptClient
  private readonly expiryKey: string
  private readonly keyTtlMs: number

  constructor(
    private readonly client: Redis,
    private readonly policy: StorePolicy,
    private readonly prefix: string,
  ) {
    for (const [name, body] of Object.entries(redisScripts)) {
      client.defineCommand(name, { numberOfKeys: 6, lua: redisScriptPrelude + body })
    }
    this.run = client as unknown as ScriptClient
    this.expiryKey = expiryIndexKey(prefix)
    this.keyTtlMs = Math.max(policy.halfOpenTtlMs, policy.idleTtlMs, policy.queueTtlMs) + 60_000
  }

  private async call(
    name: RedisScriptName,
    channel: string,
    now: number,
    extra: (string | number | Buffer)[],
  ) {
    const keys = channelScriptKeys(this.prefix, channel)
    const { halfOpenTtlMs, idleTtlMs, queueTtlMs, queueMaxFrames, queueMaxBytes } = this.policy
    const common = [
      channel,
      now,
      halfOpenTtlMs,
      idleTtlMs,
      this.keyTtlMs,
      queueTtlMs,
      queueMaxFrames,
      queueMaxBytes,
    ]
    return this.run[`${name}Buffer`](...keys, ...common, ...extra)
  }

  async create(
    channel: string,
    hashes: ChannelHashes,
    now: number,
  ): Promise<'created' | 'exists' | 'conflict'> {
    const sessionHash = hashes.walletSessionTokenHash ?? ''
    const result = text(
      await this.call('dlCreate', channel, now, [hashes.dappTokenHash, hashes.walletTokenHash, sessionHash]),
    )
    if (result === 'created') return 'created'
    // Compare in Node, in constant time, rather than with Lua's `==`.
    const [dappHash, walletHash] = await Promise.all([
      this.tokenHash(channel, 'dapp'),
      this.tokenHash(channel, 'wallet'),
    ])
    if (dappHash === null || walletHash === null) return this.create(channel, hashes, now) // deleted meanwhile
    if (!sameText(dappHash, hashes.dappTokenHash) || !sameText(walletHash, hashes.walletTokenHash))
      return 'conflict'
    if (sessionHash === '') {
      await this.call('dlTouch', channel, now, [])
      return 'exists'
    }
    const paired = await this.pair(channel, '', sessionHash, now)
    if (paired === 'unknown_channel') return this.create(channel, hashes, now) // deleted meanwhile
    return paired === 'ok' ? 'exists' : 'conflict'
  }

  async tokenHash(channel: string, role: Role): Promise<string | null> {
    return this.client.hget(channelRecordKey(this.prefix, channel), role === 'dapp' ? 'dh' : 'wh')
  }

  async joinHashes(channel: string, role: Role): Promise<JoinHashes | null> {
    const [dappHash, walletHash, sessionHash, dappSocket, walletSocket] = await this.client.hmget(
      channelRecordKey(this.prefix, channel),
      'dh',
      'wh',
      'sh',
      's_dapp',
      's_wallet',
    )
    if (!dappHash || !walletHash) return null
    const peerPresent = Boolean(role === 'dapp' ? walletSocket : dappSocket)
    if (role === 'dapp') return { accepted: dappHash, superseded: null, peerPresent }
    return sessionHash
      ? { accepted: sessionHash, superseded: walletHash, peerPresent }
      : { accepted: walletHash, superseded: null, peerPresent }
  }

  rekey(
    channel: string,
    socketId: string,
    walletSessionTokenHash: string,
    now: number,
  ): Promise<RekeyResult> {
    return this.pair(channel, socketId, walletSessionTokenHash, now)
  }

  /** Sets the session hash unless one is set; an existing one must equal it (compared here, in constant time). */
  private async pair(
    channel: string,
    socketId: string,
    sessionHash: string,
    now: number,
  ): Promise<RekeyResult> {
    const reply = (await this.call('dlPair', channel, now, [socketId, sessionHash])) as Reply[]
    const status = text(reply[0])
    if (status === 'paired') return 'ok'
    if (status === 'existing') return sameText(text(reply[1]), sessionHash) ? 'ok' : 'conflict'
    return status as 'unknown_channel' | 'not_member'
  }

  async claim(
    channel: string,
    role: Role,
    socketId: string,
    verifiedHash: string,
    now: number,
  ): Promise<ClaimResult> {
    const reply = (await this.call('dlClaim', channel, now, [role, socketId, verifiedHash])) as Reply[]
    const status = text(reply[0])
    if (status === 'ok') {
      const previous = text(reply[1])
      return {
        status: 'ok',
        previous: previous === socketId ? null : orNull(previous),
        peer: orNull(text(reply[2])),
      }
    }
    return { status: status as 'unknown_channel' | 'unauthorized' | 'holds_other_role' }
  }

  async enqueue(channel: string, socketId: string, frame: Buffer, now: number): Promise<EnqueueResult> {
    const reply = (await this.call('dlEnqueue', channel, now, [socketId, frame])) as Reply[]
    const status = text(reply[0])
    if (status !== 'ok') return { status: status as 'unknown_channel' | 'not_member' | 'queue_full' }
    return {
      status: 'ok',
      id: Number(reply[1]),
      recipient: text(reply[2]) as Role,
      recipientSocket: orNull(text(reply[3])),
    }
  }

  async ack(channel: string, socketId: string, id: number): Promise<'ok' | 'unknown_channel' | 'not_member'> {
    return text(await this.call('dlAck', channel, Date.now(), [socketId, id])) as
      | 'ok'
      | 'unknown_channel'
      | 'not_member'
  }

  async pending(
    channel: string,
    socketId: string,
    afterId: number,
    now: number,
    max: number,
  ): Promise<QueuedFrame[] | null> {
    const reply = (await this.call('dlPending', channel, now, [socketId, afterId, max])) as Reply[]
    if (text(reply[0]) !== 'ok') return null
    const frames: QueuedFrame[] = []
    for (let i = 1; i + 1 < reply.length; i += 2) {
      const frame = reply[i + 1]
      // A frame hash entry can only be missing if the keys' TTL hit mid-way; skip it.
      if (Buffer.isBuffer(frame)) frames.push({ id: Number(text(reply[i])), frame })
    }
    return frames
  }

  release(channel: string, socketId: string): Promise<MemberResult> {
    return this.member('0', channel, socketId)
  }

  remove(channel: string, socketId: string): Promise<MemberResult> {
    return this.member('1', channel, socketId)
  }

  private async member(remove: '0' | '1', channel: string, socketId: string): Promise<MemberResult> {
    const reply = (await this.call('dlRelease', channel, Date.now(), [socketId, remove])) as Reply[]
    const status = text(reply[0])
    if (status !== 'ok') return { status: status as 'unknown_channel' | 'not_member' }
    const result = { status: 'ok' as const, role: text(reply[1]) as Role, peer: orNull(text(reply[2])) }
    if (remove === '0') return result
    const peerQueue: QueuedFrame[] = []
    for (let i = 3; i + 1 < reply.length; i += 2) {
      const frame = reply[i + 1]
      if (Buffer.isBuffer(frame)) peerQueue.push({ id: Number(text(reply[i])), frame })
    }
    return peerQueue.length > 0 ? { ...result, peerQueue } : result
  }

  async sweep(now: number, max: number): Promise<ExpiredChannel[]> {
    const due = await this.client.zrangebyscore(this.expiryKey, '-inf', now, 'LIMIT', 0, max)
    const expired: ExpiredChannel[] = []
    for (const channel of due) {
      const reply = (await this.call('dlExpireIfDue', channel, now, [])) as Reply[]
      if (text(reply[0]) !== 'expired') continue
      const sockets = [text(reply[1]), text(reply[2])].filter((s) => s !== '')
      expired.push({ channel, sockets })
    }
    return expired
  }

  async countChannels(): Promise<number | null> {
    return this.client.zcard(this.expiryKey)
  }

  queuedBytes(): number | null {
    return null
  }

  healthy(): boolean {
    return this.client.status === 'ready'
  }

  async close(): Promise<void> {
    // The client is shared with the adapter; its owner quits it.
  }
}

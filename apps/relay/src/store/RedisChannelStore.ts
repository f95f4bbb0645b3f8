import { timingSafeEqual } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { Role } from '../protocol/relayMessages.js'
import type {
  ChannelHashes,
  ChannelStore,
  ClaimResult,
  EnqueueResult,
  ExpiredChannel,
  MemberResult,
  QueuedFrame,
  StorePolicy,
} from './ChannelStore.js'

/*
 * Layout, per channel C (the `{C}` hash tag keeps a channel's keys in one cluster slot):
 *   <p>:ch:{C}          hash  dh wh (token hashes) c (created) a (last activity) wj (wallet joined)
 *                             s_dapp s_wallet (member socket ids) n_<role> (last id) b_<role> (queued bytes)
 *   <p>:q:{C}:<role>    list  "id:at:size" of the frames queued for <role>, oldest first
 *   <p>:f:{C}:<role>    hash  id → frame bytes
 *   <p>:expiry          zset  C scored by its expiry deadline (for the sweeper of every node)
 * Every key of a channel carries a TTL a little above the longest channel lifetime, so a channel
 * nobody sweeps (all nodes down) still disappears. Each operation is one Lua script: atomic.
 */

// Common ARGV: 1 channel, 2 now, 3 halfOpenTtl, 4 idleTtl, 5 keyTtl, 6 queueTtl, 7 maxFrames, 8 maxBytes.
const prelude = `
local ch, qd, fd, qw, fw, exp = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local id_, now, halfOpen, idle, keyTtl, queueTtl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local maxFrames, maxBytes = tonumber(ARGV[7]), tonumber(ARGV[8])
local function other(role) if role == 'dapp' then return 'wallet' end return 'dapp' end
local function queueKeys(role) if role == 'dapp' then return qd, fd end return qw, fw end
local function deadline()
  local r = redis.call('HMGET', ch, 'c', 'a', 'wj')
  local d = tonumber(r[2]) + idle
  if r[3] ~= '1' then d = math.min(d, tonumber(r[1]) + halfOpen) end
  return d
end
local function touch(activity)
  if activity then redis.call('HSET', ch, 'a', ARGV[2]) end
  redis.call('ZADD', exp, deadline(), id_)
  for i = 1, 5 do redis.call('PEXPIRE', KEYS[i], keyTtl) end
end
local function roleOf(sid)
  local s = redis.call('HMGET', ch, 's_dapp', 's_wallet')
  if s[1] == sid then return 'dapp' end
  if s[2] == sid then return 'wallet' end
  return nil
end
local function socketOf(role)
  local s = redis.call('HGET', ch, 's_' .. role)
  if s then return s end
  return ''
end
local function dropHead(q, f, role, keep)
  while true do
    local head = redis.call('LINDEX', q, 0)
    if not head then return end
    local id, at, size = string.match(head, '^(%d+):(%d+):(%d+)$')
    if keep(tonumber(id), tonumber(at)) then return end
    redis.call('LPOP', q)
    redis.call('HDEL', f, id)
    redis.call('HINCRBY', ch, 'b_' .. role, -tonumber(size))
  end
end
local function prune(role)
  local q, f = queueKeys(role)
  dropHead(q, f, role, function(id, at) return at + queueTtl > now end)
end
`

const scripts = {
  // ARGV 9 dappTokenHash, 10 walletTokenHash
  dlCreate: `
if redis.call('EXISTS', ch) == 1 then return 'exists' end
redis.call('HSET', ch, 'dh', ARGV[9], 'wh', ARGV[10], 'c', ARGV[2], 'a', ARGV[2], 'wj', '0',
  'n_dapp', 0, 'n_wallet', 0, 'b_dapp', 0, 'b_wallet', 0)
touch(false)
return 'created'`,
  // Refreshes activity after an idempotent create.
  dlTouch: `
if redis.call('EXISTS', ch) == 0 then return 0 end
touch(true)
return 1`,
  // ARGV 9 role, 10 socket id, 11 verified hash
  dlClaim: `
if redis.call('EXISTS', ch) == 0 then return {'unknown_channel'} end
local role, sid = ARGV[9], ARGV[10]
local field = 'wh'
if role == 'dapp' then field = 'dh' end
if redis.call('HGET', ch, field) ~= ARGV[11] then return {'unauthorized'} end
local previous, peer = socketOf(role), socketOf(other(role))
if peer == sid then return {'holds_other_role'} end
redis.call('HSET', ch, 's_' .. role, sid)
if role == 'wallet' then redis.call('HSET', ch, 'wj', '1') end
touch(true)
return {'ok', previous, peer}`,
  // ARGV 9 socket id, 10 frame
  dlEnqueue: `
if redis.call('EXISTS', ch) == 0 then return {'unknown_channel'} end
local from = roleOf(ARGV[9])
if not from then return {'not_member'} end
local to = other(from)
prune(to)
local q, f = queueKeys(to)
local size = string.len(ARGV[10])
local bytes = tonumber(redis.call('HGET', ch, 'b_' .. to))
if redis.call('LLEN', q) >= maxFrames or bytes + size > maxBytes then return {'queue_full'} end
local id = redis.call('HINCRBY', ch, 'n_' .. to, 1)
redis.call('RPUSH', q, id .. ':' .. ARGV[2] .. ':' .. size)
redis.call('HSET', f, id, ARGV[10])
redis.call('HINCRBY', ch, 'b_' .. to, size)
touch(true)
return {'ok', id, to, socketOf(to)}`,
  // ARGV 9 socket id, 10 acked id
  dlAck: `
if redis.call('EXISTS', ch) == 0 then return 'unknown_channel' end
local role = roleOf(ARGV[9])
if not role then return 'not_member' end
local q, f = queueKeys(role)
local acked = tonumber(ARGV[10])
dropHead(q, f, role, function(id, at) return id > acked end)
return 'ok'`,
  // ARGV 9 socket id, 10 after id, 11 max frames → {'ok', id1, frame1, id2, frame2, ...} or {'none'}
  dlPending: `
if redis.call('EXISTS', ch) == 0 then return {'none'} end
local role = roleOf(ARGV[9])
if not role then return {'none'} end
prune(role)
local q, f = queueKeys(role)
local after, max = tonumber(ARGV[10]), tonumber(ARGV[11])
local out, count = {'ok'}, 0
for _, entry in ipairs(redis.call('LRANGE', q, 0, -1)) do
  local id = string.match(entry, '^(%d+):')
  if tonumber(id) > after then
    out[#out + 1] = id
    out[#out + 1] = redis.call('HGET', f, id)
    count = count + 1
    if count >= max then break end
  end
end
return out`,
  // ARGV 9 socket id, 10 '1' to delete the channel
  dlRelease: `
if redis.call('EXISTS', ch) == 0 then return {'unknown_channel'} end
local role = roleOf(ARGV[9])
if not role then return {'not_member'} end
local peer = socketOf(other(role))
if ARGV[10] == '1' then
  redis.call('DEL', ch, qd, fd, qw, fw)
  redis.call('ZREM', exp, id_)
else
  redis.call('HDEL', ch, 's_' .. role)
end
return {'ok', role, peer}`,
  dlExpireIfDue: `
if redis.call('EXISTS', ch) == 0 then
  redis.call('ZREM', exp, id_)
  return {'gone'}
end
local d = deadline()
if d > now then
  redis.call('ZADD', exp, d, id_)
  return {'alive'}
end
local sockets = {'expired', socketOf('dapp'), socketOf('wallet')}
redis.call('DEL', ch, qd, fd, qw, fw)
redis.call('ZREM', exp, id_)
return sockets`,
} as const

type ScriptName = keyof typeof scripts
type Reply = Buffer | number | null | Reply[]
type ScriptClient = Record<`${ScriptName}Buffer`, (...args: (string | number | Buffer)[]) => Promise<Reply>>

const text = (value: Reply | undefined): string =>
  Buffer.isBuffer(value) ? value.toString('utf8') : value === null || value === undefined ? '' : String(value)
const orNull = (value: string) => (value === '' ? null : value)

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

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
    for (const [name, body] of Object.entries(scripts)) {
      client.defineCommand(name, { numberOfKeys: 6, lua: prelude + body })
    }
    this.run = client as unknown as ScriptClient
    this.expiryKey = `${prefix}:expiry`
    this.keyTtlMs = Math.max(policy.halfOpenTtlMs, policy.idleTtlMs, policy.queueTtlMs) + 60_000
  }

  private async call(name: ScriptName, channel: string, now: number, extra: (string | number | Buffer)[]) {
    const p = this.prefix
    const keys = [
      `${p}:ch:{${channel}}`,
      `${p}:q:{${channel}}:dapp`,
      `${p}:f:{${channel}}:dapp`,
      `${p}:q:{${channel}}:wallet`,
      `${p}:f:{${channel}}:wallet`,
      this.expiryKey,
    ]
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
    const result = text(
      await this.call('dlCreate', channel, now, [hashes.dappTokenHash, hashes.walletTokenHash]),
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
    await this.call('dlTouch', channel, now, [])
    return 'exists'
  }

  async tokenHash(channel: string, role: Role): Promise<string | null> {
    return this.client.hget(`${this.prefix}:ch:{${channel}}`, role === 'dapp' ? 'dh' : 'wh')
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
    return { status: 'ok', role: text(reply[1]) as Role, peer: orNull(text(reply[2])) }
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

// The Lua scripts of RedisChannelStore (a table: one entry per store operation). Each runs atomically with
// the prelude's helpers; the keys are those of redisKeys.ts `channelScriptKeys`, in that order.

// Common ARGV: 1 channel, 2 now, 3 halfOpenTtl, 4 idleTtl, 5 keyTtl, 6 queueTtl, 7 maxFrames, 8 maxBytes.
export const redisScriptPrelude = `
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

export const redisScripts = {
  // ARGV 9 dappTokenHash, 10 walletTokenHash, 11 walletSessionTokenHash ('' when not paired)
  dlCreate: `
if redis.call('EXISTS', ch) == 1 then return 'exists' end
redis.call('HSET', ch, 'dh', ARGV[9], 'wh', ARGV[10], 'c', ARGV[2], 'a', ARGV[2], 'wj', '0',
  'n_dapp', 0, 'n_wallet', 0, 'b_dapp', 0, 'b_wallet', 0)
if ARGV[11] ~= '' then redis.call('HSET', ch, 'sh', ARGV[11]) end
touch(false)
return 'created'`,
  // Pairs the channel (rekey, or create with a session hash). ARGV 9 the dapp's socket id ('' from create:
  // no membership check), 10 walletSessionTokenHash. Returns {'paired'} or {'existing', hash}: the caller
  // compares an existing hash in constant time.
  dlPair: `
if redis.call('EXISTS', ch) == 0 then return {'unknown_channel'} end
if ARGV[9] ~= '' and redis.call('HGET', ch, 's_dapp') ~= ARGV[9] then return {'not_member'} end
local current = redis.call('HGET', ch, 'sh')
touch(true)
if current then return {'existing', current} end
redis.call('HSET', ch, 'sh', ARGV[10])
return {'paired'}`,
  // Refreshes activity after an idempotent create.
  dlTouch: `
if redis.call('EXISTS', ch) == 0 then return 0 end
touch(true)
return 1`,
  // ARGV 9 role, 10 socket id, 11 verified hash
  dlClaim: `
if redis.call('EXISTS', ch) == 0 then return {'unknown_channel'} end
local role, sid = ARGV[9], ARGV[10]
-- A paired channel's wallet role is joined with the session token only.
local field = 'wh'
if role == 'dapp' then field = 'dh' elseif redis.call('HEXISTS', ch, 'sh') == 1 then field = 'sh' end
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
  // With '1' (remove), also returns the first 64 frames still queued for the peer: {'ok', role, peer, id1,
  // frame1, ...}, so the relay hands them over before it says `closed` (a `terminate` must not be lost).
  dlRelease: `
if redis.call('EXISTS', ch) == 0 then return {'unknown_channel'} end
local role = roleOf(ARGV[9])
if not role then return {'not_member'} end
local peer = socketOf(other(role))
local out = {'ok', role, peer}
if ARGV[10] == '1' then
  local q, f = queueKeys(other(role))
  for _, entry in ipairs(redis.call('LRANGE', q, 0, 63)) do
    local id = string.match(entry, '^(%d+):')
    out[#out + 1] = id
    out[#out + 1] = redis.call('HGET', f, id)
  end
  redis.call('DEL', ch, qd, fd, qw, fw)
  redis.call('ZREM', exp, id_)
else
  redis.call('HDEL', ch, 's_' .. role)
end
return out`,
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

export type RedisScriptName = keyof typeof redisScripts

/*
 * Layout, per channel C (the `{C}` hash tag keeps a channel's keys in one cluster slot):
 *   <p>:ch:{C}          hash  dh wh (token hashes) sh (wallet session token hash, once paired)
 *                             c (created) a (last activity) wj (wallet joined)
 *                             s_dapp s_wallet (member socket ids) n_<role> (last id) b_<role> (queued bytes)
 *   <p>:q:{C}:<role>    list  "id:at:size" of the frames queued for <role>, oldest first
 *   <p>:f:{C}:<role>    hash  id → frame bytes
 *   <p>:expiry          zset  C scored by its expiry deadline (for the sweeper of every node)
 * Every key of a channel carries a TTL a little above the longest channel lifetime, so a channel
 * nobody sweeps (all nodes down) still disappears.
 */

/** The channel record's key. */
export const channelRecordKey = (prefix: string, channel: string) => `${prefix}:ch:{${channel}}`

/** The shared expiry index. */
export const expiryIndexKey = (prefix: string) => `${prefix}:expiry`

/**
 * The six keys every script gets, in the order the Lua prelude names them:
 * record, dapp queue, dapp frames, wallet queue, wallet frames, expiry index.
 */
export function channelScriptKeys(prefix: string, channel: string): string[] {
  return [
    channelRecordKey(prefix, channel),
    `${prefix}:q:{${channel}}:dapp`,
    `${prefix}:f:{${channel}}:dapp`,
    `${prefix}:q:{${channel}}:wallet`,
    `${prefix}:f:{${channel}}:wallet`,
    expiryIndexKey(prefix),
  ]
}

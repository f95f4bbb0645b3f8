import { sha256Sync } from '../crypto/sha256Sync.js'
import { utf8 } from './bytes.js'
import { channelIdLength, labels } from './constants.js'

/**
 * The channel id `C = SHA-256("dapplink/v1/channel" ‖ H(Td))[0..16]` (docs/protocol.md section 2): bound
 * to the dapp's join token, so the relay can check on `create` that whoever creates `C` holds the token
 * hash it was made from. A squatter who knows `C` cannot find another token hash that gives it.
 *
 * @example
 * const channelId = deriveChannelId(sha256Sync(dappToken)) // 16 bytes
 */
export function deriveChannelId(dappTokenHash: Uint8Array): Uint8Array {
  const label = utf8(labels.channel)
  const input = new Uint8Array(label.length + dappTokenHash.length)
  input.set(label)
  input.set(dappTokenHash, label.length)
  return sha256Sync(input).slice(0, channelIdLength)
}

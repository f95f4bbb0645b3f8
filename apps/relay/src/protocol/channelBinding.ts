import { createHash } from 'node:crypto'
import { channelIdBytes } from './relayMessages.js'

const channelLabel = Buffer.from('dapplink/v1/channel')

/**
 * The channel id bound to a dapp token hash: `b64u(SHA-256("dapplink/v1/channel" ‖ H(Td))[0..16])`
 * (docs/protocol.md section 2). `create` must use it, so whoever knows a channel id cannot create the
 * channel first with its own tokens (e.g. after a restart made the relay forget it).
 *
 * @example
 * boundChannelId(create.dappTokenHash) === create.channel
 */
export function boundChannelId(dappTokenHash: string): string {
  return createHash('sha256')
    .update(channelLabel)
    .update(Buffer.from(dappTokenHash, 'base64url'))
    .digest()
    .subarray(0, channelIdBytes)
    .toString('base64url')
}

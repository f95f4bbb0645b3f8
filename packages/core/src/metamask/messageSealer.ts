import { type PreparedEciesEncryption, prepareEciesEncryption } from '../crypto/ecies.js'
import { bytesToBase64 } from './base64.js'
import type { ProtocolMessage } from './protocolMessage.js'

/** Seals protocol messages to one peer key, the payload of an envelope. */
export type MessageSealer = { seal(message: ProtocolMessage): Promise<string> }

/**
 * MWP seals every message with a fresh ECIES key agreement (about 3/4 of its cost). That part needs no
 * plaintext, so the sealer keeps the next one prepared while the session is idle: a request then waits
 * for one AES-GCM call only.
 */
export function createMessageSealer(peerPublicKey: Uint8Array): MessageSealer {
  let next: Promise<PreparedEciesEncryption> = prepareEciesEncryption(peerPublicKey)
  next.catch(() => {})
  return {
    async seal(message) {
      const prepared = next
      next = prepareEciesEncryption(peerPublicKey)
      next.catch(() => {})
      const ciphertext = await (await prepared)(new TextEncoder().encode(JSON.stringify(message)))
      return bytesToBase64(ciphertext)
    },
  }
}

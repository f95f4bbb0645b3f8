import { DecryptionError } from '../errors/deeplink.js'
import { type NonceRecord, parseEnvelope, screenEnvelope } from './envelope.js'
import { openProtocolMessage, type ProtocolMessage } from './protocolMessage.js'

// Turns relay publications into protocol messages: parse the envelope, drop our echoes, duplicates and
// (once the wallet is known) other senders, then decrypt. A nonce counts as seen only once its payload opened.

/** What a publication turned into; `undefined` from `receive` means it was dropped silently. */
export type InboxEvent =
  | { type: 'message'; channel: string; senderClientId: string; message: ProtocolMessage }
  | { type: 'unreadable'; channel: string; error: DecryptionError }
  | { type: 'malformed'; error: Error }

/** The inbox of one dapp key and client id. */
export function createPublicationInbox(clientId: string, secretKey: Uint8Array) {
  const seen = new Map<string, NonceRecord>()
  return {
    /** Reads one publication; `peerClientId` (the wallet, once known) is the only sender accepted. */
    async receive(
      channel: string,
      data: unknown,
      peerClientId: string | undefined,
    ): Promise<InboxEvent | undefined> {
      let envelope: ReturnType<typeof parseEnvelope>
      try {
        envelope = parseEnvelope(data)
      } catch (error) {
        return { type: 'malformed', error: error as Error }
      }
      const record = () => seen.get(channel) ?? new Map()
      if (screenEnvelope(record(), envelope, clientId, peerClientId).verdict !== 'accept') return undefined
      let message: ProtocolMessage
      try {
        message = await openProtocolMessage(secretKey, envelope.payload)
      } catch (error) {
        if (error instanceof DecryptionError) return { type: 'unreadable', channel, error }
        return { type: 'malformed', error: error as Error }
      }
      // Screened again: another copy may have opened while this one was decrypting.
      const again = screenEnvelope(record(), envelope, clientId, undefined)
      if (again.verdict !== 'accept') return undefined
      seen.set(channel, again.record)
      return { type: 'message', channel, senderClientId: envelope.clientId, message }
    },
  }
}

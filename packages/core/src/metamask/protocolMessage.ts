import { eciesDecrypt } from '../crypto/ecies.js'
import { DecryptionError } from '../errors/deeplink.js'
import { MalformedPublicationError } from '../errors/metamask.js'
import { base64ToBytes } from './base64.js'

// What an envelope's payload decrypts to (mobile-wallet-protocol-core's ProtocolMessage).

/** The wallet's answer to a connection request. `otp` and `deadline` only in untrusted mode. */
export type HandshakeOffer = { publicKeyB64: string; channelId: string; otp?: string; deadline?: number }

/** A decrypted MWP message. */
export type ProtocolMessage =
  | { type: 'handshake-offer'; payload: HandshakeOffer }
  | { type: 'handshake-ack' }
  | { type: 'message'; payload: unknown }

/**
 * Decrypts and parses an envelope payload. Throws `DecryptionError` (tampered, or sealed to another key) or
 * `MalformedPublicationError` (not a protocol message).
 */
export async function openProtocolMessage(secretKey: Uint8Array, payload: string): Promise<ProtocolMessage> {
  let ciphertext: Uint8Array
  try {
    ciphertext = base64ToBytes(payload)
  } catch (cause) {
    throw new DecryptionError('The envelope payload is not base64.', { cause })
  }
  const plaintext = await eciesDecrypt(secretKey, ciphertext)
  let message: unknown
  try {
    message = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch (cause) {
    throw new MalformedPublicationError('The decrypted payload is not UTF-8 JSON.', { cause })
  }
  const { type, payload: body } = (message ?? {}) as Record<string, unknown>
  if (type === 'handshake-ack') return { type }
  if (type === 'message') return { type, payload: body }
  if (type === 'handshake-offer') {
    const offer = (body ?? {}) as Record<string, unknown>
    if (typeof offer.publicKeyB64 !== 'string' || typeof offer.channelId !== 'string')
      throw new MalformedPublicationError('The handshake offer has no publicKeyB64 or channelId.')
    if (offer.otp !== undefined && (typeof offer.otp !== 'string' || typeof offer.deadline !== 'number'))
      throw new MalformedPublicationError(
        'The handshake offer has an OTP without a string code and a deadline.',
      )
    return { type, payload: offer as HandshakeOffer }
  }
  throw new MalformedPublicationError('The decrypted payload is not an MWP message.', {
    details: String(type),
  })
}

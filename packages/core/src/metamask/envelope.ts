import { MalformedPublicationError } from '../errors/metamask.js'

// Every MWP publication is the JSON string of `{ clientId, nonce, payload }`: the sender's id, a counter per
// sender and channel, and the ECIES ciphertext in base64. The nonce sits outside the ciphertext, so it only
// drops re-deliveries (history recovery); it authenticates nothing.

/** One publication on an MWP channel. */
export type Envelope = { clientId: string; nonce: number; payload: string }

/** Largest publication accepted: MetaMask's relay caps messages well below this. */
export const maxEnvelopeLength = 1024 * 1024

/** The publication data for an envelope. */
export function sealEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope)
}

/** Seals our envelopes on each channel, numbered from 1 (the receiver drops a nonce it has seen). */
export function createEnvelopeSealer(clientId: string): (channel: string, payload: string) => string {
  const nonces = new Map<string, number>()
  return (channel, payload) => {
    const nonce = (nonces.get(channel) ?? 0) + 1
    nonces.set(channel, nonce)
    return sealEnvelope({ clientId, nonce, payload })
  }
}

/** Reads publication data as an envelope; throws `MalformedPublicationError` for anything else. */
export function parseEnvelope(data: unknown): Envelope {
  if (typeof data !== 'string')
    throw new MalformedPublicationError('The publication is not a JSON string.', { details: typeof data })
  if (data.length > maxEnvelopeLength)
    throw new MalformedPublicationError(
      `The publication has ${data.length} characters; at most ${maxEnvelopeLength}.`,
    )
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch (cause) {
    throw new MalformedPublicationError('The publication is not JSON.', { cause })
  }
  const { clientId, nonce, payload } = (value ?? {}) as Record<string, unknown>
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > 128)
    throw new MalformedPublicationError('The envelope has no clientId string.')
  if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce) || nonce < 1)
    throw new MalformedPublicationError('The envelope nonce is not a positive integer.', {
      details: String(nonce),
    })
  if (typeof payload !== 'string') throw new MalformedPublicationError('The envelope has no payload string.')
  return { clientId, nonce, payload }
}

/** The nonces seen from each sender on one channel (the latest {@link nonceWindow}, ascending). */
export type NonceRecord = ReadonlyMap<string, readonly number[]>

/** How many nonces per sender are remembered; an older nonce than all of them counts as seen. */
export const nonceWindow = 256

/** What to do with an envelope: open it, or drop it (with the reason, for tests and debugging). */
export type EnvelopeVerdict = 'accept' | 'own' | 'duplicate' | 'unknown-sender'

/**
 * Decides whether an envelope is new by its (clientId, nonce) pair, and drops our own echoes and, once the
 * wallet is known, every other sender. Pure: `record` is the record to keep once the payload has opened
 * (a tampered envelope must not mark its nonce as seen, or a forged high nonce would hide real ones).
 */
export function screenEnvelope(
  record: NonceRecord,
  envelope: Envelope,
  ownClientId: string,
  peerClientId: string | undefined,
): { verdict: EnvelopeVerdict; record: NonceRecord } {
  if (envelope.clientId === ownClientId) return { verdict: 'own', record }
  if (peerClientId !== undefined && envelope.clientId !== peerClientId)
    return { verdict: 'unknown-sender', record }
  const seen = record.get(envelope.clientId) ?? []
  const full = seen.length >= nonceWindow
  if (seen.includes(envelope.nonce) || (full && envelope.nonce < seen[0]!))
    return { verdict: 'duplicate', record }
  const nonces = [...seen, envelope.nonce].sort((a, b) => a - b).slice(-nonceWindow)
  const next = new Map(record)
  next.set(envelope.clientId, nonces)
  return { verdict: 'accept', record: next }
}

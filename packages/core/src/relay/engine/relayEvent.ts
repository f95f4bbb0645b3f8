import type { DapplinkError } from '../../errors/base.js'
import { type RelayClosedReason, RelayRequestError, UnexpectedFrameError } from '../../errors/relay.js'
import type { RelayTransportEvent } from '../relayTransport.js'

/** What a relay event means for one session (docs/protocol.md section 3). */
export type SessionRelayEvent =
  /** A `relay_error`, or an event for another channel / of the wrong shape: reported, nothing else. */
  | { kind: 'error'; error: DapplinkError }
  | { kind: 'peer'; present: boolean }
  /** The relay's `closed`: its reason, as the relay gave it (an unknown one reads as `closed`). */
  | { kind: 'closed'; reason: RelayClosedReason }
  /** A frame to decode; `queueId` releases its relay queue entry once processed. */
  | { kind: 'frame'; frame: unknown; queueId: unknown }
  | { kind: 'ignored' }

/** Reads a relay event for the session of `channel`. Pure: the payload comes from the network. */
export function readRelayEvent(
  event: Exclude<RelayTransportEvent, { type: 'connect' | 'disconnect' }>,
  channel: string,
): SessionRelayEvent {
  const record =
    typeof event.payload === 'object' && event.payload !== null
      ? (event.payload as Record<string, unknown>)
      : undefined
  if (event.type === 'relay_error') {
    const code = typeof record?.['code'] === 'string' ? record['code'] : 'unknown'
    const message = String(record?.['message'] ?? code).slice(0, 200)
    return { kind: 'error', error: new RelayRequestError(`The relay reported an error: ${message}`, code) }
  }
  if (!record || record['channel'] !== channel)
    return {
      kind: 'error',
      error: new UnexpectedFrameError(`Ignored a malformed "${event.type}" event from the relay.`),
    }
  if (event.type === 'peer')
    return typeof record['present'] === 'boolean'
      ? { kind: 'peer', present: record['present'] }
      : { kind: 'ignored' }
  if (event.type === 'closed') {
    const reason = record['reason']
    return { kind: 'closed', reason: reason === 'expired' || reason === 'replaced' ? reason : 'closed' }
  }
  return { kind: 'frame', frame: record['frame'], queueId: record['id'] }
}

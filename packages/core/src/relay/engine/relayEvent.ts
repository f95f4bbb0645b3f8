import type { DapplinkError } from '../../errors/base.js'
import { RelayRequestError, UnexpectedFrameError } from '../../errors/relay.js'
import type { RelayTransportEvent } from '../relayTransport.js'

/** What a relay event means for one session (docs/protocol.md section 3). */
export type SessionRelayEvent =
  /** A `relay_error`, or an event for another channel / of the wrong shape: reported, nothing else. */
  | { kind: 'error'; error: DapplinkError }
  | { kind: 'peer'; present: boolean }
  | { kind: 'closed'; reason: 'expired' | 'terminated' }
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
  if (event.type === 'closed')
    return { kind: 'closed', reason: record['reason'] === 'expired' ? 'expired' : 'terminated' }
  return { kind: 'frame', frame: record['frame'], queueId: record['id'] }
}

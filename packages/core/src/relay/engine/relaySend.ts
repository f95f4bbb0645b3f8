import { RelayRequestError } from '../../errors/relay.js'
import type { RelayTransport } from '../relayTransport.js'
import type { UnackedFrame } from '../secureChannel.js'
import { packFrames } from './packFrames.js'
import { type RelayRefusal, relayRefusal } from './relayAnswer.js'

/** One `send` batch stays under the relay's 64 KiB frame limit and socket.io's buffer. */
export const maxBatchBytes = 60 * 1024

/** What the relay did with one `send`: how many frames of it it took, in order, and why not the rest. */
export type RelaySendResult = { accepted: number; refusal: RelayRefusal | undefined }

/**
 * The next frames to hand to the relay: the unacknowledged ones after `relayedUpTo`, in order, at most
 * `maxFramesPerSend` and `maxBatchBytes` (a single frame goes alone whatever its size).
 */
export function nextBatch(
  unacked: readonly UnackedFrame[],
  relayedUpTo: number,
  maxFramesPerSend: number,
): UnackedFrame[] {
  const batch: UnackedFrame[] = []
  let bytes = 0
  for (const entry of unacked) {
    if (entry.seq <= relayedUpTo) continue
    if (batch.length >= maxFramesPerSend || (batch.length > 0 && bytes + entry.frame.length > maxBatchBytes))
      break
    batch.push(entry)
    bytes += entry.frame.length
  }
  return batch
}

/**
 * One `send` of one frame (`frame`, which every relay takes) or a batch (`frames`, packed in one binary),
 * with a relay queue acknowledgement riding along when given. Rejects when the transport does (offline,
 * no answer); a partial acceptance counts only when the relay names a number below the batch size.
 */
export async function sendFrames(
  target: { transport: Pick<RelayTransport, 'call'>; channel: string; relayTimeoutMs: number },
  frames: Uint8Array[],
  ack: number | undefined,
): Promise<RelaySendResult> {
  const { channel } = target
  const payload: Record<string, unknown> =
    frames.length > 1 ? { channel, frames: packFrames(frames) } : { channel, frame: frames[0] }
  if (ack !== undefined) payload['ack'] = ack
  const answer = await target.transport.call('send', payload, target.relayTimeoutMs)
  const refusal = relayRefusal(answer)
  if (!refusal) return { accepted: frames.length, refusal }
  const accepted = (answer as { accepted?: unknown }).accepted
  return {
    accepted: typeof accepted === 'number' && accepted > 0 && accepted < frames.length ? accepted : 0,
    refusal,
  }
}

/** The error reported for a frame the relay refused. */
export const refusedFrameError = (refusal: RelayRefusal) =>
  new RelayRequestError(`The relay refused a frame: ${refusal.message}`, refusal.code)

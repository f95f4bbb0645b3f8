import { describe, expect, it } from 'vitest'
import { RelayRequestError } from '../../errors/relay.js'
import { packFrames } from './packFrames.js'
import { maxBatchBytes, nextBatch, refusedFrameError, sendFrames } from './relaySend.js'

const frame = (seq: number, size = 10) => ({ seq, frame: new Uint8Array(size).fill(seq) })

/** A transport that records each `send` and answers it with the next of `answers`. */
function recordingTransport(...answers: unknown[]) {
  const calls: { event: string; payload: Record<string, unknown>; timeoutMs: number }[] = []
  return {
    calls,
    transport: {
      async call(event: string, payload: Record<string, unknown>, timeoutMs: number) {
        calls.push({ event, payload, timeoutMs })
        const answer = answers.shift()
        if (answer instanceof Error) throw answer
        return answer
      },
    },
  }
}

describe('nextBatch', () => {
  const unacked = [frame(1), frame(2), frame(3), frame(4)]

  it.each([
    { relayedUpTo: 0, maxFramesPerSend: 1, seqs: [1] },
    { relayedUpTo: 0, maxFramesPerSend: 3, seqs: [1, 2, 3] },
    { relayedUpTo: 2, maxFramesPerSend: 10, seqs: [3, 4] },
    { relayedUpTo: 4, maxFramesPerSend: 10, seqs: [] },
  ])(
    'after seq $relayedUpTo, up to $maxFramesPerSend frames: $seqs',
    ({ relayedUpTo, maxFramesPerSend, seqs }) => {
      expect(nextBatch(unacked, relayedUpTo, maxFramesPerSend).map((entry) => entry.seq)).toEqual(seqs)
    },
  )

  it('stops before the frame that would take a batch over maxBatchBytes, but never sends an empty batch', () => {
    const half = Math.floor(maxBatchBytes / 2)
    const big = [frame(1, half), frame(2, half), frame(3, 1)]
    expect(nextBatch(big, 0, 10).map((entry) => entry.seq)).toEqual([1, 2])
    expect(nextBatch([frame(1, maxBatchBytes + 1), frame(2)], 0, 10).map((entry) => entry.seq)).toEqual([1])
  })
})

describe('sendFrames', () => {
  const target = (transport: { call(...args: never[]): Promise<unknown> }) => ({
    transport: transport as never,
    channel: 'ch',
    relayTimeoutMs: 1_234,
  })

  it('sends one frame as `frame` and a batch as packed `frames`, with the riding ack', async () => {
    const { calls, transport } = recordingTransport({ ok: true, id: 1 }, { ok: true, id: 3 })
    const one = [new Uint8Array([1])]
    const two = [new Uint8Array([2]), new Uint8Array([3, 3])]
    expect(await sendFrames(target(transport), one, undefined)).toEqual({ accepted: 1, refusal: undefined })
    expect(await sendFrames(target(transport), two, 7)).toEqual({ accepted: 2, refusal: undefined })
    expect(calls).toEqual([
      { event: 'send', payload: { channel: 'ch', frame: one[0] }, timeoutMs: 1_234 },
      { event: 'send', payload: { channel: 'ch', frames: packFrames(two), ack: 7 }, timeoutMs: 1_234 },
    ])
  })

  it('reads a refusal and a partial acceptance, and ignores an accepted count that is out of range', async () => {
    const three = [new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3])]
    const refusal = { code: 'queue_full', message: 'The queue is full.' }
    const { transport } = recordingTransport(
      { ok: false, error: refusal, accepted: 2 },
      { ok: false, error: refusal, accepted: 3 },
      { ok: false, error: refusal, accepted: 'all' },
      'nonsense',
    )
    expect(await sendFrames(target(transport), three, undefined)).toEqual({ accepted: 2, refusal })
    expect(await sendFrames(target(transport), three, undefined)).toEqual({ accepted: 0, refusal })
    expect(await sendFrames(target(transport), three, undefined)).toEqual({ accepted: 0, refusal })
    expect(await sendFrames(target(transport), three, undefined)).toEqual({
      accepted: 0,
      refusal: { code: 'bad_answer', message: 'The relay gave no usable answer.' },
    })
  })

  it('rejects when the transport does (offline, no answer)', async () => {
    const { transport } = recordingTransport(new Error('timeout'))
    await expect(sendFrames(target(transport), [new Uint8Array([1])], 3)).rejects.toThrow('timeout')
  })
})

describe('refusedFrameError', () => {
  it('is a RelayRequestError with the relay code and message', () => {
    const error = refusedFrameError({ code: 'rate_limited', message: 'Slow down.' })
    expect(error).toBeInstanceOf(RelayRequestError)
    expect(error.shortMessage).toBe('The relay refused a frame: Slow down.')
    expect(error.relayCode).toBe('rate_limited')
  })
})

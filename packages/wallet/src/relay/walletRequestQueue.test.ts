import type { JsonRpcRequest } from '@dapplink/core/relay'
import { describe, expect, it } from 'vitest'
import { createWalletRequestQueue } from './walletRequestQueue.js'

const request = (id: number | string): JsonRpcRequest => ({ jsonrpc: '2.0', id, method: 'signMessage' })
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A queue whose handler waits until the test finishes each request; records what it saw. */
function recordingQueue() {
  const started: { id: number | string; signal: AbortSignal; finish: () => void }[] = []
  const queue = createWalletRequestQueue(
    (entry, signal) =>
      new Promise<void>((finish) => started.push({ id: entry.id, signal, finish: () => finish() })),
  )
  return { queue, started }
}

describe('createWalletRequestQueue', () => {
  it('handles one request at a time, in order', async () => {
    const { queue, started } = recordingQueue()
    queue.enqueue(request(1))
    queue.enqueue(request(2))
    await flush()
    expect(started.map((entry) => entry.id)).toEqual([1])
    started[0]!.finish()
    await flush()
    expect(started.map((entry) => entry.id)).toEqual([1, 2])
  })

  it('drops a cancelled queued request and aborts the running one with the reason', async () => {
    const { queue, started } = recordingQueue()
    for (const id of [1, 2, 3]) queue.enqueue(request(id))
    await flush()
    expect(queue.cancel(2, 'gone')).toBe(true)
    expect(queue.cancel(1, 'stop')).toBe(true)
    expect(started[0]!.signal.reason).toBe('stop')
    started[0]!.finish()
    await flush()
    expect(started.map((entry) => entry.id)).toEqual([1, 3])
  })

  it('ignores unknown, finished and repeated cancels', async () => {
    const { queue, started } = recordingQueue()
    queue.enqueue(request(1))
    await flush()
    started[0]!.finish()
    await flush()
    expect(queue.cancel(1, 'late')).toBe(false)
    expect(queue.cancel('never sent', 'x')).toBe(false)
    queue.enqueue(request(2))
    await flush()
    expect(queue.cancel(2, 'first')).toBe(true)
    expect(queue.cancel(2, 'second')).toBe(false)
    expect(started[1]!.signal.reason).toBe('first')
  })

  it('abortAll withdraws the running request and every queued one', async () => {
    const { queue, started } = recordingQueue()
    queue.enqueue(request(1))
    queue.enqueue(request(2))
    await flush()
    queue.abortAll('closed')
    expect(started[0]!.signal.reason).toBe('closed')
    started[0]!.finish()
    await flush()
    expect(started).toHaveLength(1)
  })

  it('goes on after a handler throws', async () => {
    const seen: (number | string)[] = []
    const queue = createWalletRequestQueue(async (entry) => {
      seen.push(entry.id)
      if (entry.id === 1) throw new Error('bug')
    })
    queue.enqueue(request(1))
    queue.enqueue(request(2))
    await flush()
    await flush()
    expect(seen).toEqual([1, 2])
  })
})

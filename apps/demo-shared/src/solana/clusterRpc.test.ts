import { describe, expect, it } from 'vitest'
import { ClusterRpcError, createClusterRpc } from './clusterRpc.js'

/** A fake cluster that answers from a table and records the calls. */
function fakeFetch(answers: Record<string, unknown[]>) {
  const calls: { method: string; params: unknown }[] = []
  const fetchFn = async (_url: string, init: RequestInit) => {
    const { method, params } = JSON.parse(String(init.body)) as { method: string; params: unknown }
    calls.push({ method, params })
    const queue = answers[method] ?? []
    const answer = queue.length > 1 ? queue.shift() : queue[0]
    return { ok: true, status: 200, json: async () => answer }
  }
  return { calls, fetchFn }
}

describe('createClusterRpc', () => {
  it('reads a balance and a blockhash', async () => {
    const { calls, fetchFn } = fakeFetch({
      getBalance: [{ result: { value: 1_500_000_000 } }],
      getLatestBlockhash: [{ result: { value: { blockhash: 'hash1' } } }],
    })
    const rpc = createClusterRpc('http://cluster.test', fetchFn)
    expect(await rpc.getBalance('Acc1')).toBe(1_500_000_000)
    expect(await rpc.getLatestBlockhash()).toBe('hash1')
    expect(calls[0]).toEqual({ method: 'getBalance', params: ['Acc1', { commitment: 'confirmed' }] })
  })

  it('turns a JSON-RPC error into a readable ClusterRpcError', async () => {
    const { fetchFn } = fakeFetch({ requestAirdrop: [{ error: { code: -32602, message: 'too much' } }] })
    const rpc = createClusterRpc('http://cluster.test', fetchFn)
    await expect(rpc.requestAirdrop('Acc1', 1)).rejects.toThrow(
      'requestAirdrop failed on the cluster: too much',
    )
  })

  it('says where the cluster was expected when it is down', async () => {
    const rpc = createClusterRpc('http://127.0.0.1:1', async () => {
      throw new TypeError('fetch failed')
    })
    const error = await rpc.getBalance('Acc1').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ClusterRpcError)
    expect((error as ClusterRpcError).shortMessage).toBe(
      'The local cluster at http://127.0.0.1:1 cannot be reached; is it running?',
    )
  })

  it('polls a signature until it is confirmed', async () => {
    const { calls, fetchFn } = fakeFetch({
      getSignatureStatuses: [
        { result: { value: [null] } },
        { result: { value: [{ err: null, confirmationStatus: 'processed' }] } },
        { result: { value: [{ err: null, confirmationStatus: 'finalized' }] } },
      ],
    })
    const rpc = createClusterRpc('http://cluster.test', fetchFn)
    await rpc.waitForSignature('sig', { intervalMs: 1 })
    expect(calls).toHaveLength(3)
  })

  it('rejects a landed failure and a timeout', async () => {
    const failed = fakeFetch({
      getSignatureStatuses: [
        {
          result: { value: [{ err: { InstructionError: [0, 'Custom'] }, confirmationStatus: 'finalized' }] },
        },
      ],
    })
    await expect(createClusterRpc('x', failed.fetchFn).waitForSignature('sig')).rejects.toThrow(
      'The transaction failed: {"InstructionError":[0,"Custom"]}',
    )
    const unknown = fakeFetch({ getSignatureStatuses: [{ result: { value: [null] } }] })
    await expect(
      createClusterRpc('x', unknown.fetchFn).waitForSignature('sig', { timeoutMs: 20, intervalMs: 5 }),
    ).rejects.toThrow('did not land within 0.02 s')
  })
})

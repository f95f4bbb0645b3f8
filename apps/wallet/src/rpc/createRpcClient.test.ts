import { type Cluster, startCluster } from '@dapplink-app/cluster'
import { Keypair, SystemProgram, Transaction } from '@solana/web3.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RpcError, TransactionFailedError } from '../errors/WalletAppError.js'
import { createRpcClient } from './createRpcClient.js'

let cluster: Cluster

beforeAll(async () => {
  cluster = await startCluster({ port: 0 })
})
afterAll(async () => {
  await cluster?.close()
})

async function latestBlockhash(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getLatestBlockhash', params: [] }),
  })
  const { result } = (await response.json()) as { result: { value: { blockhash: string } } }
  return result.value.blockhash
}

async function signedTransfer(payer: Keypair, lamports: number): Promise<Uint8Array> {
  const transaction = new Transaction({
    feePayer: payer.publicKey,
    recentBlockhash: await latestBlockhash(cluster.url),
  })
  transaction.add(
    SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: Keypair.generate().publicKey, lamports }),
  )
  transaction.sign(payer)
  return transaction.serialize()
}

describe('createRpcClient against the local cluster', () => {
  it('airdrops, reads the balance, sends a transfer and confirms it', async () => {
    const rpc = createRpcClient({ url: cluster.url })
    const payer = Keypair.generate()
    expect(await rpc.getBalance(payer.publicKey.toBase58())).toBe(0n)
    const airdrop = await rpc.requestAirdrop(payer.publicKey.toBase58(), 1_000_000_000n)
    expect(await rpc.confirmTransaction(airdrop, { intervalMs: 50 })).toMatch(/confirmed|finalized/)
    expect(await rpc.getBalance(payer.publicKey.toBase58())).toBe(1_000_000_000n)

    const signature = await rpc.sendTransaction(await signedTransfer(payer, 250_000_000))
    expect(await rpc.confirmTransaction(signature, { intervalMs: 50 })).toMatch(/confirmed|finalized/)
    // 0.25 SOL sent plus the 5000-lamport fee of one signature.
    expect(await rpc.getBalance(payer.publicKey.toBase58())).toBe(750_000_000n - 5_000n)
  })

  it('surfaces a refused transaction as an RpcError with the node code', async () => {
    const rpc = createRpcClient({ url: cluster.url })
    const broke = Keypair.generate()
    const error = await rpc.sendTransaction(await signedTransfer(broke, 1)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RpcError)
    expect((error as RpcError).code).toBeTypeOf('number')
  })

  it('reports a landed failure as TransactionFailedError', async () => {
    const rpc = createRpcClient({ url: cluster.url })
    const payer = Keypair.generate()
    await rpc.confirmTransaction(await rpc.requestAirdrop(payer.publicKey.toBase58(), 10_000_000n), {
      intervalMs: 50,
    })
    // Skipping preflight lets a transfer of more than the balance land with its error (the fee is charged).
    const signature = await rpc.sendTransaction(await signedTransfer(payer, 500_000_000), {
      skipPreflight: true,
    })
    await expect(rpc.confirmTransaction(signature, { intervalMs: 50 })).rejects.toBeInstanceOf(
      TransactionFailedError,
    )
  })

  it('gives up on an unknown signature after a bounded wait', async () => {
    const rpc = createRpcClient({ url: cluster.url })
    const started = Date.now()
    const unknown = '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW'
    expect(await rpc.confirmTransaction(unknown, { timeoutMs: 300, intervalMs: 100 })).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})

describe('createRpcClient errors', () => {
  it('refuses a URL that is not http(s)', () => {
    expect(() => createRpcClient({ url: 'ftp://example.com' })).toThrowError(RpcError)
    expect(() => createRpcClient({ url: 'not a url' })).toThrowError(/not an http\(s\) URL/)
  })

  it('reports an unreachable node', async () => {
    // Port 9 (discard) on loopback is closed on a normal machine: the connection is refused at once.
    const rpc = createRpcClient({ url: 'http://127.0.0.1:9', timeoutMs: 2_000 })
    await expect(rpc.getBalance('11111111111111111111111111111111')).rejects.toThrowError(
      /did not answer getBalance/,
    )
  })

  it('reports an answer that is not JSON-RPC', async () => {
    const rpc = createRpcClient({
      url: 'http://rpc.test',
      fetch: async () => new Response('<html>502</html>', { status: 502 }),
    })
    await expect(rpc.getBalance('11111111111111111111111111111111')).rejects.toThrowError(
      /HTTP 502 and no JSON/,
    )
  })
})

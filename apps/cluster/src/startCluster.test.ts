import { getBase58Decoder } from '@solana/kit'
import {
  ComputeBudgetProgram,
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  type PublicKey,
  SendTransactionError,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmByPolling } from './confirmByPolling.js'
import { ConfirmationTimeoutError } from './errors/ConfirmationTimeoutError.js'
import { type Cluster, startCluster } from './startCluster.js'

let cluster: Cluster
let connection: Connection
const funded = Keypair.generate()

async function rpc(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(cluster.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

async function fundedKeypair(sol: number): Promise<Keypair> {
  const keypair = Keypair.generate()
  const signature = await connection.requestAirdrop(keypair.publicKey, sol * LAMPORTS_PER_SOL)
  await confirmByPolling(connection, signature, { timeoutMs: 5_000 })
  return keypair
}

async function transfer(from: Keypair, to: PublicKey, lamports: number): Promise<Transaction> {
  const { blockhash } = await connection.getLatestBlockhash()
  const transaction = new Transaction({ feePayer: from.publicKey, recentBlockhash: blockhash }).add(
    SystemProgram.transfer({ fromPubkey: from.publicKey, toPubkey: to, lamports }),
  )
  transaction.sign(from)
  return transaction
}

async function sendError(send: () => Promise<unknown>): Promise<SendTransactionError> {
  const error = await send().then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(error).toBeInstanceOf(SendTransactionError)
  return error as SendTransactionError
}

beforeAll(async () => {
  cluster = await startCluster({
    port: 0,
    fund: [{ address: funded.publicKey.toBase58() as never, lamports: 7n * BigInt(LAMPORTS_PER_SOL) }],
  })
  connection = new Connection(cluster.url, 'confirmed')
})

afterAll(async () => {
  await cluster.close()
})

describe('startCluster with web3.js v1 Connection', () => {
  it('listens on a free port on 127.0.0.1 and answers health, version and slots', async () => {
    expect(cluster.url).toBe(`http://127.0.0.1:${cluster.port}`)
    expect(cluster.port).toBeGreaterThan(0)
    expect((await rpc({ jsonrpc: '2.0', id: 1, method: 'getHealth' })).json['result']).toBe('ok')
    expect((await connection.getVersion())['solana-core']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(await connection.getGenesisHash()).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/)
    expect(await connection.getSlot()).toBeGreaterThanOrEqual(0)
    expect(await connection.getBlockHeight()).toBeGreaterThanOrEqual(0)
    expect(await connection.getRecentPrioritizationFees()).toEqual([])
    expect(await connection.getMinimumBalanceForRentExemption(0)).toBe(890_880)
    expect(await connection.getMinimumBalanceForRentExemption(165)).toBe(2_039_280)
  })

  it('funds the accounts given at start', async () => {
    expect(await connection.getBalance(funded.publicKey)).toBe(7 * LAMPORTS_PER_SOL)
  })

  it('airdrops, then getBalance and getAccountInfo see the lamports', async () => {
    const keypair = await fundedKeypair(2)
    expect(await connection.getBalance(keypair.publicKey)).toBe(2 * LAMPORTS_PER_SOL)
    const account = await connection.getAccountInfo(keypair.publicKey)
    expect(account?.lamports).toBe(2 * LAMPORTS_PER_SOL)
    expect(account?.owner.equals(SystemProgram.programId)).toBe(true)
    expect(account?.data.length).toBe(0)
    const [known, unknown] = await connection.getMultipleAccountsInfo([
      keypair.publicKey,
      Keypair.generate().publicKey,
    ])
    expect(known?.lamports).toBe(2 * LAMPORTS_PER_SOL)
    expect(unknown).toBeNull()
  })

  it('caps airdrops per request and rejects a zero amount', async () => {
    const target = Keypair.generate().publicKey
    await expect(connection.requestAirdrop(target, 101 * LAMPORTS_PER_SOL)).rejects.toThrow(/airdrop cap/)
    await expect(connection.requestAirdrop(target, 0)).rejects.toThrow(/between 1 and/)
    expect(await connection.getBalance(target)).toBe(0)
  })

  it('executes a signed SOL transfer; balances move by the amount and the fee', async () => {
    const sender = await fundedKeypair(3)
    const recipient = Keypair.generate().publicKey
    const amount = LAMPORTS_PER_SOL / 2
    const transaction = await transfer(sender, recipient, amount)
    const fee = await connection.getFeeForMessage(transaction.compileMessage())
    expect(fee.value).toBe(5000)
    const slotBefore = await connection.getSlot()

    const signature = await connection.sendRawTransaction(transaction.serialize())
    const status = await confirmByPolling(connection, signature, { timeoutMs: 5_000 })

    expect(status.err).toBeNull()
    expect(status.confirmationStatus).toBe('finalized')
    expect(await connection.getBalance(recipient)).toBe(amount)
    expect(await connection.getBalance(sender.publicKey)).toBe(3 * LAMPORTS_PER_SOL - amount - 5000)
    expect(await connection.getSlot()).toBe(slotBefore + 1)

    const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 })
    expect(landed?.meta?.fee).toBe(5000)
    expect(landed?.meta?.err).toBeNull()
    expect(landed?.slot).toBe(slotBefore)
    expect(landed?.version).toBe('legacy')
    expect(landed?.meta?.preBalances[0]).toBe(3 * LAMPORTS_PER_SOL)
    expect(landed?.meta?.postBalances[0]).toBe(3 * LAMPORTS_PER_SOL - amount - 5000)
    expect(landed?.meta?.logMessages).toContain('Program 11111111111111111111111111111111 success')
    expect(landed?.transaction.signatures[0]).toBe(signature)
  })

  it('accepts the same transfer again with a fresh blockhash, and refuses the exact same bytes', async () => {
    const sender = await fundedKeypair(1)
    const recipient = Keypair.generate().publicKey
    const first = await transfer(sender, recipient, 1_000_000)
    await confirmByPolling(connection, await connection.sendRawTransaction(first.serialize()), {
      timeoutMs: 5_000,
    })
    const second = await transfer(sender, recipient, 1_000_000)
    expect(second.recentBlockhash).not.toBe(first.recentBlockhash)
    await confirmByPolling(connection, await connection.sendRawTransaction(second.serialize()), {
      timeoutMs: 5_000,
    })
    expect(await connection.getBalance(recipient)).toBe(2_000_000)

    const replay = await sendError(() => connection.sendRawTransaction(first.serialize()))
    expect(replay.message).toMatch(/already been processed/)
    expect(await connection.getBalance(recipient)).toBe(2_000_000)
  })

  it('keeps a blockhash valid while other transactions land, and refuses an unknown one', async () => {
    const sender = await fundedKeypair(1)
    const recipient = Keypair.generate().publicKey
    const early = await transfer(sender, recipient, 1_000_000)
    await fundedKeypair(1) // another transaction lands and the latest blockhash moves on
    expect((await connection.isBlockhashValid(early.recentBlockhash!)).value).toBe(true)
    await confirmByPolling(connection, await connection.sendRawTransaction(early.serialize()), {
      timeoutMs: 5_000,
    })

    const stale = new Transaction({
      feePayer: sender.publicKey,
      recentBlockhash: Keypair.generate().publicKey.toBase58(),
    })
    stale.add(SystemProgram.transfer({ fromPubkey: sender.publicKey, toPubkey: recipient, lamports: 5 }))
    stale.sign(sender)
    expect((await connection.isBlockhashValid(stale.recentBlockhash!)).value).toBe(false)
    expect((await connection.getFeeForMessage(stale.compileMessage())).value).toBeNull()
    const error = await sendError(() => connection.sendRawTransaction(stale.serialize()))
    expect(error.message).toMatch(/Blockhash not found/)
  })

  it('executes a v0 transaction and reports it as version 0', async () => {
    const sender = await fundedKeypair(1)
    const recipient = Keypair.generate().publicKey
    const { blockhash } = await connection.getLatestBlockhash()
    const message = new TransactionMessage({
      payerKey: sender.publicKey,
      recentBlockhash: blockhash,
      instructions: [
        SystemProgram.transfer({ fromPubkey: sender.publicKey, toPubkey: recipient, lamports: 1_234_567 }),
      ],
    }).compileToV0Message()
    const transaction = new VersionedTransaction(message)
    transaction.sign([sender])

    const signature = await connection.sendTransaction(transaction)
    const status = await confirmByPolling(connection, signature, { timeoutMs: 5_000 })

    expect(status.err).toBeNull()
    expect(await connection.getBalance(recipient)).toBe(1_234_567)
    expect(await connection.getBalance(sender.publicKey)).toBe(LAMPORTS_PER_SOL - 1_234_567 - 5000)
    const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 })
    expect(landed?.version).toBe(0)
    expect(landed?.meta?.fee).toBe(5000)
    const legacyOnly = await rpc({ jsonrpc: '2.0', id: 1, method: 'getTransaction', params: [signature] })
    expect(legacyOnly.json['error']).toMatchObject({ code: -32015 })
  })

  it('charges the priority fee that getFeeForMessage predicts', async () => {
    const sender = await fundedKeypair(1)
    const recipient = Keypair.generate().publicKey
    const { blockhash } = await connection.getLatestBlockhash()
    const transaction = new Transaction({ feePayer: sender.publicKey, recentBlockhash: blockhash }).add(
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1_000_000 }),
      SystemProgram.transfer({ fromPubkey: sender.publicKey, toPubkey: recipient, lamports: 1_000_000 }),
    )
    transaction.sign(sender)
    const predicted = (await connection.getFeeForMessage(transaction.compileMessage())).value
    expect(predicted).toBeGreaterThan(5000)

    const signature = await connection.sendRawTransaction(transaction.serialize())
    await confirmByPolling(connection, signature, { timeoutMs: 5_000 })

    expect(await connection.getBalance(sender.publicKey)).toBe(LAMPORTS_PER_SOL - 1_000_000 - predicted!)
    expect(
      (await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 }))?.meta?.fee,
    ).toBe(predicted)
  })

  it('refuses insufficient funds with -32002 and the program logs, and keeps serving', async () => {
    const sender = await fundedKeypair(1)
    const transaction = await transfer(sender, Keypair.generate().publicKey, 5 * LAMPORTS_PER_SOL)
    const raw = await rpc({
      jsonrpc: '2.0',
      id: 7,
      method: 'sendTransaction',
      params: [transaction.serialize().toString('base64'), { encoding: 'base64' }],
    })
    expect(raw.json['error']).toMatchObject({
      code: -32002,
      message: 'Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1',
      data: { err: { InstructionError: [0, { Custom: 1 }] } },
    })
    const error = await sendError(() => connection.sendRawTransaction(transaction.serialize()))
    expect(error.logs?.join('\n')).toMatch(/insufficient lamports/)
    // Nothing was charged: preflight refused it.
    expect(await connection.getBalance(sender.publicKey)).toBe(LAMPORTS_PER_SOL)
    expect(await connection.getBalance(funded.publicKey)).toBe(7 * LAMPORTS_PER_SOL)
  })

  it('lands a failing transaction with skipPreflight: status carries the error, the fee is charged', async () => {
    const sender = await fundedKeypair(1)
    const transaction = await transfer(sender, Keypair.generate().publicKey, 5 * LAMPORTS_PER_SOL)
    const signature = await connection.sendRawTransaction(transaction.serialize(), { skipPreflight: true })
    const status = await confirmByPolling(connection, signature, { timeoutMs: 5_000 })
    expect(status.err).toEqual({ InstructionError: [0, { Custom: 1 }] })
    expect(await connection.getBalance(sender.publicKey)).toBe(LAMPORTS_PER_SOL - 5000)
    const landed = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 })
    expect(landed?.meta?.err).toEqual({ InstructionError: [0, { Custom: 1 }] })
    expect(landed?.meta?.fee).toBe(5000)
  })

  it('refuses a transaction whose signature does not verify with -32003, in both modes', async () => {
    const sender = await fundedKeypair(1)
    const transaction = await transfer(sender, Keypair.generate().publicKey, 1000)
    const bytes = transaction.serialize()
    bytes[10] = bytes[10]! ^ 0xff // flip bits inside the first signature
    for (const skipPreflight of [false, true]) {
      const answer = await rpc({
        jsonrpc: '2.0',
        id: 1,
        method: 'sendTransaction',
        params: [bytes.toString('base64'), { encoding: 'base64', skipPreflight }],
      })
      expect(answer.json['error']).toEqual({
        code: -32003,
        message: 'Transaction signature verification failure',
      })
    }
    expect(await connection.getBalance(sender.publicKey)).toBe(LAMPORTS_PER_SOL)
    expect((await rpc({ jsonrpc: '2.0', id: 2, method: 'getHealth' })).json['result']).toBe('ok')
  })

  it('refuses a fee payer that does not exist', async () => {
    const stranger = Keypair.generate()
    const transaction = await transfer(stranger, Keypair.generate().publicKey, 1000)
    const error = await sendError(() => connection.sendRawTransaction(transaction.serialize()))
    expect(error.message).toMatch(/no record of a prior credit/)
  })

  it('accepts base58-encoded transactions (Solana’s default encoding)', async () => {
    const sender = await fundedKeypair(1)
    const recipient = Keypair.generate().publicKey
    const transaction = await transfer(sender, recipient, 2_000_000)
    const answer = await rpc({
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [getBase58Decoder().decode(transaction.serialize())],
    })
    expect(typeof answer.json['result']).toBe('string')
    await confirmByPolling(connection, answer.json['result'] as string, { timeoutMs: 5_000 })
    expect(await connection.getBalance(recipient)).toBe(2_000_000)
  })

  it('simulates without committing, with and without signatures', async () => {
    const sender = await fundedKeypair(1)
    const recipient = Keypair.generate().publicKey
    const { blockhash } = await connection.getLatestBlockhash()
    const message = new TransactionMessage({
      payerKey: sender.publicKey,
      recentBlockhash: blockhash,
      instructions: [
        SystemProgram.transfer({ fromPubkey: sender.publicKey, toPubkey: recipient, lamports: 3_000_000 }),
      ],
    }).compileToV0Message()
    const unsigned = new VersionedTransaction(message)
    const simulated = await connection.simulateTransaction(unsigned, { sigVerify: false })
    expect(simulated.value.err).toBeNull()
    expect(simulated.value.logs).toContain('Program 11111111111111111111111111111111 success')
    expect(simulated.value.unitsConsumed).toBeGreaterThan(0)

    const tooMuch = new VersionedTransaction(
      new TransactionMessage({
        payerKey: sender.publicKey,
        recentBlockhash: blockhash,
        instructions: [
          SystemProgram.transfer({ fromPubkey: sender.publicKey, toPubkey: recipient, lamports: 9e9 }),
        ],
      }).compileToV0Message(),
    )
    const failed = await connection.simulateTransaction(tooMuch, { sigVerify: false })
    expect(failed.value.err).toEqual({ InstructionError: [0, { Custom: 1 }] })
    expect(await connection.getBalance(recipient)).toBe(0)
    expect(await connection.getBalance(sender.publicKey)).toBe(LAMPORTS_PER_SOL)
  })

  it('reports unknown signatures as null, and confirmByPolling times out on them', async () => {
    const unknown = getBase58Decoder().decode(crypto.getRandomValues(new Uint8Array(64)))
    const statuses = await connection.getSignatureStatuses([unknown])
    expect(statuses.value).toEqual([null])
    const started = Date.now()
    await expect(
      confirmByPolling(connection, unknown, { timeoutMs: 300, intervalMs: 50 }),
    ).rejects.toBeInstanceOf(ConfirmationTimeoutError)
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

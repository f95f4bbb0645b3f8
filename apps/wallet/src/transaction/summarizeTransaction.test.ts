import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { summarizeTransaction } from './summarizeTransaction.js'

const blockhash = 'GHtXQBsoZHVnNFa9YevAzFr17DJjgHXk3ycTKD5xD3Zi'
const memoProgram = new PublicKey('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr')

function legacy(payer: PublicKey, instructions: TransactionInstruction[]): Uint8Array {
  const transaction = new Transaction({ feePayer: payer, recentBlockhash: blockhash }).add(...instructions)
  return transaction.serialize({ requireAllSignatures: false, verifySignatures: false })
}

function v0(payer: PublicKey, instructions: TransactionInstruction[]): Uint8Array {
  const message = new TransactionMessage({ payerKey: payer, recentBlockhash: blockhash, instructions })
  return new VersionedTransaction(message.compileToV0Message()).serialize()
}

describe('summarizeTransaction', () => {
  it.each([
    ['legacy', legacy],
    ['v0', v0],
  ] as const)('decodes a %s System transfer', (version, serialize) => {
    const payer = Keypair.generate().publicKey
    const recipient = Keypair.generate().publicKey
    const bytes = serialize(payer, [
      SystemProgram.transfer({ fromPubkey: payer, toPubkey: recipient, lamports: 1_234_567_890 }),
    ])
    expect(summarizeTransaction(bytes)).toEqual({
      version: version === 'legacy' ? 'legacy' : 0,
      feePayer: payer.toBase58(),
      instructionCount: 1,
      transfers: [{ source: payer.toBase58(), destination: recipient.toBase58(), lamports: 1_234_567_890n }],
      otherPrograms: [],
      usesLookupTables: false,
    })
  })

  it('lists other instructions by program and keeps transfers in order', () => {
    const payer = Keypair.generate().publicKey
    const [a, b] = [Keypair.generate().publicKey, Keypair.generate().publicKey]
    const bytes = legacy(payer, [
      SystemProgram.transfer({ fromPubkey: payer, toPubkey: a, lamports: 1 }),
      new TransactionInstruction({ programId: memoProgram, keys: [], data: Buffer.from('hi') }),
      SystemProgram.assign({ accountPubkey: payer, programId: memoProgram }),
      SystemProgram.transfer({ fromPubkey: payer, toPubkey: b, lamports: 2n ** 64n - 1n }),
    ])
    const summary = summarizeTransaction(bytes)!
    expect(summary.instructionCount).toBe(4)
    expect(summary.transfers.map((transfer) => [transfer.destination, transfer.lamports])).toEqual([
      [a.toBase58(), 1n],
      [b.toBase58(), 2n ** 64n - 1n],
    ])
    // The memo and the System assign (not a transfer) are "other".
    expect(summary.otherPrograms).toEqual([memoProgram.toBase58(), SystemProgram.programId.toBase58()])
  })

  it('returns undefined for every truncation and for trailing bytes', () => {
    const payer = Keypair.generate().publicKey
    const bytes = legacy(payer, [
      SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 5 }),
    ])
    for (let length = 0; length < bytes.length; length++)
      expect(summarizeTransaction(bytes.subarray(0, length))).toBeUndefined()
    expect(summarizeTransaction(new Uint8Array([...bytes, 0]))).toBeUndefined()
  })

  it('decodes any transfer amount and keys the reference serializer produces', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.boolean(), (lamports, versioned) => {
        const payer = Keypair.generate().publicKey
        const recipient = Keypair.generate().publicKey
        const instruction = SystemProgram.transfer({ fromPubkey: payer, toPubkey: recipient, lamports })
        const summary = summarizeTransaction((versioned ? v0 : legacy)(payer, [instruction]))
        expect(summary?.transfers).toEqual([
          { source: payer.toBase58(), destination: recipient.toBase58(), lamports },
        ])
      }),
      { numRuns: 50 },
    )
  })

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const summary = summarizeTransaction(bytes)
        if (summary)
          expect(summary.instructionCount).toBe(summary.transfers.length + summary.otherPrograms.length)
      }),
      { numRuns: 500 },
    )
  })
})

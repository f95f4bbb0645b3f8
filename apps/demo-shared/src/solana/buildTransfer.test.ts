import { Keypair, SystemInstruction, Transaction } from '@solana/web3.js'
import { describe, expect, it } from 'vitest'
import { buildTransfer } from './buildTransfer.js'

describe('buildTransfer', () => {
  const from = Keypair.generate()
  const to = Keypair.generate().publicKey.toBase58()
  const recentBlockhash = Keypair.generate().publicKey.toBase58()

  it('builds one System transfer paid by the sender', () => {
    const transaction = buildTransfer({
      from: from.publicKey.toBase58(),
      to,
      lamports: 10_000_000,
      recentBlockhash,
    })
    expect(transaction.feePayer?.toBase58()).toBe(from.publicKey.toBase58())
    expect(transaction.recentBlockhash).toBe(recentBlockhash)
    expect(transaction.instructions).toHaveLength(1)
    const decoded = SystemInstruction.decodeTransfer(transaction.instructions[0]!)
    expect(decoded.fromPubkey.toBase58()).toBe(from.publicKey.toBase58())
    expect(decoded.toPubkey.toBase58()).toBe(to)
    expect(decoded.lamports).toBe(10_000_000n)
  })

  it('serializes unsigned and verifies once the sender signs', () => {
    const transaction = buildTransfer({ from: from.publicKey.toBase58(), to, lamports: 1, recentBlockhash })
    const unsigned = transaction.serialize({ requireAllSignatures: false })
    expect(Transaction.from(unsigned).verifySignatures()).toBe(false)
    transaction.sign(from)
    expect(Transaction.from(transaction.serialize()).verifySignatures()).toBe(true)
  })

  it('refuses amounts that are not positive whole lamports', () => {
    for (const lamports of [0, -1, 0.5, Number.NaN]) {
      expect(() => buildTransfer({ from: from.publicKey.toBase58(), to, lamports, recentBlockhash })).toThrow(
        RangeError,
      )
    }
  })
})

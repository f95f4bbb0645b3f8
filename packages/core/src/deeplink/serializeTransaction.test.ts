import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { serializeTransaction } from './serializeTransaction.js'

const payer = Keypair.generate()
const blockhash = new PublicKey(new Uint8Array(32).fill(7)).toBase58()
const transfer = SystemProgram.transfer({
  fromPubkey: payer.publicKey,
  toPubkey: Keypair.generate().publicKey,
  lamports: 5,
})

describe('serializeTransaction', () => {
  it('copies bytes as a plain Uint8Array', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const copy = serializeTransaction(bytes)
    expect(copy).toEqual(bytes)
    expect(copy).not.toBe(bytes)
  })

  it('serializes an unsigned legacy web3.js Transaction without requiring signatures', () => {
    const transaction = new Transaction({ feePayer: payer.publicKey, recentBlockhash: blockhash }).add(
      transfer,
    )
    expect(() => transaction.serialize()).toThrow() // web3.js refuses by default: the wallet has not signed yet
    const bytes = serializeTransaction(transaction)
    expect(Buffer.from(bytes)).toEqual(
      transaction.serialize({ requireAllSignatures: false, verifySignatures: false }),
    )
    expect(Transaction.from(bytes).instructions).toHaveLength(1)
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype)
  })

  it('serializes a v0 VersionedTransaction', () => {
    const message = new TransactionMessage({
      payerKey: payer.publicKey,
      recentBlockhash: blockhash,
      instructions: [transfer],
    }).compileToV0Message()
    const transaction = new VersionedTransaction(message)
    const bytes = serializeTransaction(transaction)
    expect(bytes).toEqual(transaction.serialize())
    expect(VersionedTransaction.deserialize(bytes).version).toBe(0)
  })

  it('throws InvalidArgumentError for values that are not transactions', () => {
    expect(() => serializeTransaction({} as never)).toThrow(InvalidArgumentError)
    expect(() => serializeTransaction(null as never)).toThrow(InvalidArgumentError)
    expect(() => serializeTransaction({ serialize: () => 'abc' } as never)).toThrow(
      /did not return a Uint8Array/,
    )
    expect(() =>
      serializeTransaction({
        serialize: () => {
          throw new Error('no blockhash')
        },
      }),
    ).toThrow(/could not be serialized/)
    expect(() => serializeTransaction(new Uint8Array())).toThrow(/empty/)
    // A legacy transaction without a blockhash cannot be compiled.
    expect(() => serializeTransaction(new Transaction({ feePayer: payer.publicKey }).add(transfer))).toThrow(
      InvalidArgumentError,
    )
  })
})

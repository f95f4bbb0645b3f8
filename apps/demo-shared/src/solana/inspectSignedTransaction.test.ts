import { Keypair } from '@solana/web3.js'
import { describe, expect, it } from 'vitest'
import { buildTransfer } from './buildTransfer.js'
import { inspectSignedTransaction } from './inspectSignedTransaction.js'

describe('inspectSignedTransaction', () => {
  const payer = Keypair.generate()
  const signer = payer.publicKey.toBase58()
  const transfer = () =>
    buildTransfer({
      from: signer,
      to: Keypair.generate().publicKey.toBase58(),
      lamports: 5,
      recentBlockhash: Keypair.generate().publicKey.toBase58(),
    })

  it('verifies the signer signature', () => {
    const transaction = transfer()
    transaction.sign(payer)
    const info = inspectSignedTransaction(transaction.serialize(), signer)
    expect(info.verified).toBe(true)
    expect(info.signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/)
  })

  it('reports an unsigned transaction, a tampered one and garbage', () => {
    expect(inspectSignedTransaction(transfer().serialize({ requireAllSignatures: false }), signer)).toEqual({
      signature: null,
      verified: false,
    })
    const transaction = transfer()
    transaction.sign(payer)
    const bytes = transaction.serialize()
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1
    expect(inspectSignedTransaction(bytes, signer).verified).toBe(false)
    expect(inspectSignedTransaction(new Uint8Array([1, 2, 3]), signer)).toEqual({
      signature: null,
      verified: false,
    })
  })
})

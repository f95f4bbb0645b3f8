import { Keypair, PublicKey, SystemProgram, Transaction, TransactionMessage } from '@solana/web3.js'
import bs58 from 'bs58'
import { describe, expect, it } from 'vitest'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { readSignableMessage } from './readSignableMessage.js'

const payer = Keypair.generate().publicKey
const blockhash = bs58.encode(new Uint8Array(32).fill(3))
const transfer = SystemProgram.transfer({
  fromPubkey: payer,
  toPubkey: new PublicKey(new Uint8Array(32).fill(9)),
  lamports: 5,
})

describe('readSignableMessage', () => {
  it('refuses a legacy transaction message with a typed error', () => {
    const message = new Transaction({ feePayer: payer, recentBlockhash: blockhash })
      .add(transfer)
      .serializeMessage()
    expect(() => readSignableMessage(message)).toThrow(InvalidRequestError)
    expect(() => readSignableMessage(message, 'https://dapp.example/cb')).toThrow(/transaction message/)
  })

  it('refuses a v0 transaction message', () => {
    const message = new TransactionMessage({
      payerKey: payer,
      recentBlockhash: blockhash,
      instructions: [transfer],
    })
      .compileToV0Message()
      .serialize()
    expect(() => readSignableMessage(message)).toThrow(InvalidRequestError)
  })

  it('returns UTF-8 text and hex for an ordinary message', () => {
    const message = new TextEncoder().encode('Sign in ✓')
    const read = readSignableMessage(message)
    expect(read.text).toBe('Sign in ✓')
    expect(read.hex).toBe(Buffer.from(message).toString('hex'))
  })

  it('has no text for bytes that are not UTF-8', () => {
    const read = readSignableMessage(new Uint8Array([0xff, 0xfe, 0x00]))
    expect(read.text).toBeUndefined()
    expect(read.hex).toBe('fffe00')
  })
})

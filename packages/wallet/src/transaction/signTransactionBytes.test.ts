import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import {
  Keypair,
  legacyTransfer,
  Transaction,
  toWeb3Keypair,
  VersionedTransaction,
  v0Transfer,
} from '../test/transactions.js'
import { isTransactionMessage, parseTransactionWire } from './parseTransactionWire.js'
import { signTransactionBytes } from './signTransactionBytes.js'

const account = nacl.sign.keyPair()
const accountKey = toWeb3Keypair(account).publicKey

describe('legacy', () => {
  test('the signature verifies with web3.js and nacl', () => {
    const unsigned = legacyTransfer(accountKey)
    const signed = signTransactionBytes(unsigned, account.secretKey)
    const transaction = Transaction.from(signed)
    expect(transaction.verifySignatures()).toBe(true)
    expect(transaction.signatures[0]!.publicKey.equals(accountKey)).toBe(true)
    expect(
      nacl.sign.detached.verify(
        transaction.serializeMessage(),
        transaction.signatures[0]!.signature!,
        account.publicKey,
      ),
    ).toBe(true)
    expect(unsigned.subarray(1, 65).every((byte) => byte === 0)).toBe(true) // the input is left unsigned
  })

  test('as second signer, only its own slot is written', () => {
    const payer = Keypair.generate()
    const unsigned = legacyTransfer(payer.publicKey, accountKey)
    const signed = signTransactionBytes(unsigned, account.secretKey)
    const transaction = Transaction.from(signed)
    const mine = transaction.signatures.find((entry) => entry.publicKey.equals(accountKey))!
    expect(
      nacl.sign.detached.verify(transaction.serializeMessage(), mine.signature!, account.publicKey),
    ).toBe(true)
    expect(
      transaction.signatures.find((entry) => entry.publicKey.equals(payer.publicKey))!.signature,
    ).toBeNull()
    transaction.partialSign(payer)
    expect(transaction.verifySignatures()).toBe(true)
  })
})

describe('v0', () => {
  test('the signature verifies with web3.js and nacl', () => {
    const signed = signTransactionBytes(v0Transfer(accountKey), account.secretKey)
    const transaction = VersionedTransaction.deserialize(signed)
    expect(transaction.version).toBe(0)
    expect(
      nacl.sign.detached.verify(
        transaction.message.serialize(),
        transaction.signatures[0]!,
        account.publicKey,
      ),
    ).toBe(true)
    expect(parseTransactionWire(signed)).toMatchObject({
      version: 0,
      signatureCount: 1,
      signaturesOffset: 1,
      instructionCount: 1,
    })
  })

  test('as second signer of a v0 transaction', () => {
    const payer = Keypair.generate()
    const signed = signTransactionBytes(v0Transfer(payer.publicKey, accountKey), account.secretKey)
    const transaction = VersionedTransaction.deserialize(signed)
    const index = transaction.message.staticAccountKeys.findIndex((key) => key.equals(accountKey))
    expect(index).toBe(1)
    expect(
      nacl.sign.detached.verify(
        transaction.message.serialize(),
        transaction.signatures[1]!,
        account.publicKey,
      ),
    ).toBe(true)
    expect(transaction.signatures[0]!.every((byte) => byte === 0)).toBe(true)
    transaction.sign([payer])
    expect(
      nacl.sign.detached.verify(
        transaction.message.serialize(),
        transaction.signatures[0]!,
        payer.publicKey.toBytes(),
      ),
    ).toBe(true)
  })
})

describe('refusals', () => {
  test('an account that is not a required signer is -32000 with a clear message', () => {
    const unsigned = legacyTransfer(Keypair.generate().publicKey)
    expect(() => signTransactionBytes(unsigned, account.secretKey)).toThrow(
      `The account ${bs58.encode(account.publicKey)} is not a required signer of this transaction.`,
    )
    expect(() => signTransactionBytes(v0Transfer(Keypair.generate().publicKey), account.secretKey)).toThrow(
      InvalidRequestError,
    )
  })

  test('truncated, padded or inconsistent transactions are refused', () => {
    const unsigned = legacyTransfer(accountKey)
    expect(() => signTransactionBytes(unsigned.subarray(0, unsigned.length - 1), account.secretKey)).toThrow(
      /ends inside/,
    )
    const padded = new Uint8Array(unsigned.length + 1)
    padded.set(unsigned)
    expect(() => signTransactionBytes(padded, account.secretKey)).toThrow(/1 unexpected trailing bytes/)
    expect(() => signTransactionBytes(new Uint8Array(0), account.secretKey)).toThrow(
      /ends inside its signature count/,
    )
    // Two signature slots for a message that requires one signer.
    const extraSlot = new Uint8Array(unsigned.length + 64)
    extraSlot[0] = 2
    extraSlot.set(unsigned.subarray(65), 1 + 128)
    expect(() => signTransactionBytes(extraSlot, account.secretKey)).toThrow(
      /2 signature slots but its message requires 1/,
    )
  })

  test('a message version other than 0 is refused', () => {
    const v0 = v0Transfer(accountKey)
    const v1 = v0.slice()
    v1[65] = 0x81
    expect(() => signTransactionBytes(v1, account.secretKey)).toThrow(/message version 1/)
  })

  test('non-canonical compact-u16 counts are refused', () => {
    const unsigned = legacyTransfer(accountKey)
    // 0x81 0x00 encodes 1 with a redundant zero byte.
    const redundant = new Uint8Array(unsigned.length + 1)
    redundant.set([0x81, 0x00])
    redundant.set(unsigned.subarray(1), 2)
    expect(() => parseTransactionWire(redundant)).toThrow(/not a valid compact-u16/)
    expect(() => parseTransactionWire(Uint8Array.of(0xff, 0xff, 0xff))).toThrow(/not a valid compact-u16/)
  })
})

describe('isTransactionMessage', () => {
  test('true for legacy and v0 messages, false for text, whole transactions and empty bytes', () => {
    expect(isTransactionMessage(Transaction.from(legacyTransfer(accountKey)).serializeMessage())).toBe(true)
    expect(
      isTransactionMessage(VersionedTransaction.deserialize(v0Transfer(accountKey)).message.serialize()),
    ).toBe(true)
    expect(isTransactionMessage(new TextEncoder().encode('Sign in to dapp.example'))).toBe(false)
    expect(isTransactionMessage(legacyTransfer(accountKey))).toBe(false)
    expect(isTransactionMessage(new Uint8Array(0))).toBe(false)
  })
})

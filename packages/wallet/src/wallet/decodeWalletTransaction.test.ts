import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { maxTransactionSize } from '../deeplink/parseRequestPayload.js'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { Keypair, legacyTransfer, toWeb3Keypair, v0Transfer } from '../test/transactions.js'
import { decodeWalletTransaction } from './decodeWalletTransaction.js'

const account = nacl.sign.keyPair()
const payer = toWeb3Keypair(account).publicKey
const redirectLink = 'https://dapp.example/return'

describe('decodeWalletTransaction', () => {
  it.each([
    ['legacy', legacyTransfer, 'legacy'],
    ['v0', v0Transfer, 0],
  ] as const)('decodes a %s transaction the account pays for', (_, build, version) => {
    const bytes = build(payer)
    const decoded = decodeWalletTransaction(bs58.encode(bytes), account.publicKey, redirectLink)
    expect(decoded).toMatchObject({
      version,
      feePayer: payer.toBase58(),
      signers: [payer.toBase58()],
      signerIndex: 0,
    })
    expect([...decoded.bytes]).toEqual([...bytes])
    expect(decoded.instructionCount).toBeGreaterThan(0)
  })

  it('finds the account among several signers', () => {
    const other = Keypair.generate().publicKey
    const decoded = decodeWalletTransaction(
      bs58.encode(legacyTransfer(other, payer)),
      account.publicKey,
      redirectLink,
    )
    expect(decoded.signers).toEqual([other.toBase58(), payer.toBase58()])
    expect(decoded.signerIndex).toBe(1)
  })

  it('refuses a transaction the account does not sign, one too large and bad base58, with the redirect link', () => {
    const stranger = Keypair.generate().publicKey
    const cases = [
      bs58.encode(legacyTransfer(stranger)),
      bs58.encode(new Uint8Array(maxTransactionSize + 1).fill(1)),
      '0OIl',
    ]
    for (const text of cases) {
      const failure = (() => {
        try {
          return decodeWalletTransaction(text, account.publicKey, redirectLink)
        } catch (error) {
          return error
        }
      })()
      expect(failure).toBeInstanceOf(InvalidRequestError)
      expect((failure as InvalidRequestError).redirectLink).toBe(redirectLink)
    }
  })
})

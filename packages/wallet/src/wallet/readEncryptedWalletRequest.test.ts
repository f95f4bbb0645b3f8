import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { legacyTransfer, toWeb3Keypair } from '../test/transactions.js'
import { readEncryptedWalletRequest } from './readEncryptedWalletRequest.js'
import type { WalletRequestBase } from './walletRequest.js'

const account = nacl.sign.keyPair()
const payer = toWeb3Keypair(account).publicKey
const base: WalletRequestBase = {
  appUrl: 'https://dapp.example',
  appIdentity: 'dapp.example',
  appUrlVerified: true,
  cluster: 'devnet',
  redirectLink: 'https://dapp.example/return',
  dappEncryptionPublicKey: 'Key1',
}
const session = 'token'

describe('readEncryptedWalletRequest', () => {
  it('reads a disconnect as the base alone', () => {
    expect(readEncryptedWalletRequest('disconnect', { session }, base, account.publicKey)).toEqual({
      ...base,
      method: 'disconnect',
    })
  })

  it('shows a message as text and hex', () => {
    const message = bs58.encode(new TextEncoder().encode('Sign in'))
    const request = readEncryptedWalletRequest(
      'signMessage',
      { session, message, display: 'utf8' },
      base,
      account.publicKey,
    )
    expect(request).toMatchObject({
      ...base,
      method: 'signMessage',
      display: 'utf8',
      text: 'Sign in',
      hex: '5369676e20696e',
    })
  })

  it('decodes every transaction of signAllTransactions, and the send options of signAndSendTransaction', () => {
    const transaction = bs58.encode(legacyTransfer(payer))
    const all = readEncryptedWalletRequest(
      'signAllTransactions',
      { session, transactions: [transaction, transaction] },
      base,
      account.publicKey,
    )
    expect(all.method === 'signAllTransactions' && all.transactions.map((entry) => entry.feePayer)).toEqual([
      payer.toBase58(),
      payer.toBase58(),
    ])
    const sendOptions = { skipPreflight: true }
    const send = readEncryptedWalletRequest(
      'signAndSendTransaction',
      { session, transaction, sendOptions },
      base,
      account.publicKey,
    )
    expect(send).toMatchObject({
      method: 'signAndSendTransaction',
      sendOptions,
      transaction: { signerIndex: 0 },
    })
  })

  it('refuses a message that is a transaction message, answerable at the redirect link', () => {
    const message = bs58.encode(legacyTransfer(payer).subarray(65))
    expect(() =>
      readEncryptedWalletRequest(
        'signMessage',
        { session, message, display: 'hex' },
        base,
        account.publicKey,
      ),
    ).toThrow(InvalidRequestError)
  })
})

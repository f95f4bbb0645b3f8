import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { DecryptionError, InvalidResponseError } from '../errors/deeplink.js'
import { TransactionRejectedError, WalletRpcError } from '../errors/walletRpc.js'
import { openRequestResponse } from './openRequestResponse.js'
import { parseRedirectUrl } from './parseRedirectUrl.js'

const dapp = nacl.box.keyPair()
const wallet = nacl.box.keyPair()
const sharedSecret = nacl.box.before(wallet.publicKey, dapp.secretKey)
const redirectLink = 'https://dapp.example/return?dapplink_id=AbCdEfGhJkLm'

// Sealed with tweetnacl directly, as a wallet would.
function answer(data: unknown) {
  const nonce = nacl.randomBytes(24)
  const box = nacl.box(
    new TextEncoder().encode(JSON.stringify(data)),
    nonce,
    dapp.publicKey,
    wallet.secretKey,
  )
  return parseRedirectUrl(`${redirectLink}&nonce=${bs58.encode(nonce)}&data=${bs58.encode(box)}`)!
}

describe('openRequestResponse', () => {
  const signature = nacl.randomBytes(64)
  const transaction = nacl.randomBytes(150)

  it('opens each method answer into bytes', () => {
    expect(
      openRequestResponse({
        redirect: answer({ signature: bs58.encode(signature) }),
        method: 'signMessage',
        sharedSecret,
      }),
    ).toEqual({ signature })
    expect(
      openRequestResponse({
        redirect: answer({ signature: bs58.encode(signature), publicKey: 'extra fields are ignored' }),
        method: 'signAndSendTransaction',
        sharedSecret,
      }),
    ).toEqual({ transactionSignature: bs58.encode(signature) })
    expect(
      openRequestResponse({
        redirect: answer({ transaction: bs58.encode(transaction) }),
        method: 'signTransaction',
        sharedSecret,
      }),
    ).toEqual({ transaction })
    expect(
      openRequestResponse({
        redirect: answer({ transactions: [bs58.encode(transaction), bs58.encode(signature)] }),
        method: 'signAllTransactions',
        sharedSecret,
        transactionCount: 2,
      }),
    ).toEqual({ transactions: [transaction, signature] })
    expect(
      openRequestResponse({ redirect: parseRedirectUrl(redirectLink)!, method: 'disconnect', sharedSecret }),
    ).toBeNull()
  })

  it('throws typed wallet errors, known and unknown codes', () => {
    const rejected = parseRedirectUrl(`${redirectLink}&errorCode=-32003&errorMessage=Simulation%20failed`)!
    expect(() =>
      openRequestResponse({ redirect: rejected, method: 'signAndSendTransaction', sharedSecret }),
    ).toThrow(TransactionRejectedError)
    const unknown = parseRedirectUrl(`${redirectLink}&errorCode=1234`)!
    try {
      openRequestResponse({ redirect: unknown, method: 'signMessage', sharedSecret })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(WalletRpcError)
      expect((error as WalletRpcError).code).toBe(1234)
    }
  })

  it('refuses wrong shapes, wrong counts, wrong lengths and wrong keys', () => {
    const cases: [
      unknown,
      'signMessage' | 'signTransaction' | 'signAllTransactions' | 'signAndSendTransaction',
    ][] = [
      [{ signature: bs58.encode(signature.slice(1)) }, 'signMessage'],
      [{ signature: 12 }, 'signMessage'],
      [{ transaction: '' }, 'signTransaction'],
      [{ transaction: 'hex0011' }, 'signTransaction'],
      [{ transactions: bs58.encode(transaction) }, 'signAllTransactions'],
      [{ transactions: [bs58.encode(transaction), 5] }, 'signAllTransactions'],
      [{ transactions: [bs58.encode(transaction)] }, 'signAllTransactions'],
      [{}, 'signAndSendTransaction'],
      ['a string', 'signTransaction'],
    ]
    for (const [data, method] of cases)
      expect(() =>
        openRequestResponse({ redirect: answer(data), method, sharedSecret, transactionCount: 2 }),
      ).toThrow(InvalidResponseError)
    expect(() =>
      openRequestResponse({
        redirect: answer({ signature: bs58.encode(signature) }),
        method: 'signMessage',
        sharedSecret: nacl.randomBytes(32),
      }),
    ).toThrow(DecryptionError)
    expect(() =>
      openRequestResponse({ redirect: parseRedirectUrl(redirectLink)!, method: 'signMessage', sharedSecret }),
    ).toThrow('The wallet\'s answer has no "nonce" parameter.')
  })
})

import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { signAllTransactionsRequest, signMessageRequest } from './deeplinkSigningRequest.js'

describe('signMessageRequest', () => {
  it('signs a string as its UTF-8 bytes and copies given bytes', () => {
    expect(signMessageRequest('héllo', 'utf8')).toEqual({
      method: 'signMessage',
      message: new TextEncoder().encode('héllo'),
      display: 'utf8',
    })
    const bytes = new Uint8Array([1, 2, 3])
    const request = signMessageRequest(bytes, undefined)
    bytes[0] = 9
    expect([...request.message]).toEqual([1, 2, 3])
  })

  it('refuses anything else with InvalidArgumentError', () => {
    for (const message of [42, null, [1, 2], { length: 1 }])
      expect(() => signMessageRequest(message as never, 'hex')).toThrow(
        new InvalidArgumentError('The message must be a Uint8Array or a string.'),
      )
  })
})

describe('signAllTransactionsRequest', () => {
  it('serializes each transaction, in order', () => {
    const serializable = { serialize: () => new Uint8Array([7, 7]) }
    const request = signAllTransactionsRequest([new Uint8Array([1]), serializable])
    expect(request.method).toBe('signAllTransactions')
    expect(request.transactions.map((transaction) => [...transaction])).toEqual([[1], [7, 7]])
  })

  it('refuses an empty or missing array, and names the transaction that cannot serialize', () => {
    for (const transactions of [[], undefined, 'tx'])
      expect(() => signAllTransactionsRequest(transactions as never)).toThrow(
        'signAllTransactions needs a non-empty array of transactions.',
      )
    expect(() => signAllTransactionsRequest([new Uint8Array([1]), {} as never])).toThrow(/transaction 1/)
  })
})

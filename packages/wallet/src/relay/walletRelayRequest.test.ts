import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WalletRequestError } from '../errors/walletRequestError.js'
import { parseWalletRelayRequest } from './walletRelayRequest.js'

const request = (method: string, params: unknown) => ({ jsonrpc: '2.0' as const, id: 1, method, params })

describe('parseWalletRelayRequest', () => {
  it('decodes the binary parameters of each method', () => {
    expect(parseWalletRelayRequest(request('signMessage', { message: 'aGk=' }))).toEqual({
      method: 'signMessage',
      params: { message: new Uint8Array([104, 105]), display: 'utf8', text: 'hi', hex: '6869' },
    })
    expect(
      parseWalletRelayRequest(request('signAllTransactions', { transactions: ['AQ==', 'Ag=='] })),
    ).toEqual({
      method: 'signAllTransactions',
      params: { transactions: [new Uint8Array([1]), new Uint8Array([2])] },
    })
    expect(parseWalletRelayRequest(request('connect', { appName: 'a', appUrl: 'https://a' }))).toMatchObject({
      params: { appName: 'a', appUrl: 'https://a', appIcon: undefined },
    })
  })

  it.each([
    ['signMessage', { message: 'not base64!' }, -32000],
    ['signMessage', { message: 'aGk=', display: 'html' }, -32000],
    ['signTransaction', {}, -32000],
    ['signAllTransactions', { transactions: [] }, -32000],
    ['connect', { appName: '' }, -32000],
    ['request', { method: 5 }, -32000],
    ['signMessage', 'params', -32000],
    ['eth_sign', {}, -32601],
  ])('rejects %s %j with code %i', (method, params, code) => {
    expect(() => parseWalletRelayRequest(request(method, params))).toThrow(expect.objectContaining({ code }))
  })

  it('property: any method and params give a request or a WalletRequestError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'connect',
          'signMessage',
          'signTransaction',
          'signAllTransactions',
          'signAndSendTransaction',
          'disconnect',
          'request',
          'x',
        ),
        fc.anything(),
        (method, params) => {
          try {
            expect(parseWalletRelayRequest(request(method, params)).method).toBe(method)
          } catch (error) {
            expect(error).toBeInstanceOf(WalletRequestError)
          }
        },
      ),
      { numRuns: 2_000 },
    )
  })
})

import { describe, expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { parseRequestPayload } from './parseRequestPayload.js'

describe('accepts each method shape', () => {
  test('disconnect', () => {
    expect(parseRequestPayload('disconnect', { session: 's', extra: 1 })).toEqual({ session: 's' })
  })
  test('signMessage (display defaults to utf8)', () => {
    expect(parseRequestPayload('signMessage', { session: 's', message: 'm' })).toEqual({
      session: 's',
      message: 'm',
      display: 'utf8',
    })
    expect(parseRequestPayload('signMessage', { session: 's', message: 'm', display: 'hex' }).display).toBe(
      'hex',
    )
  })
  test('signTransaction, signAndSendTransaction, signAllTransactions', () => {
    expect(parseRequestPayload('signTransaction', { session: 's', transaction: 't' })).toEqual({
      session: 's',
      transaction: 't',
    })
    expect(
      parseRequestPayload('signAndSendTransaction', {
        session: 's',
        transaction: 't',
        sendOptions: { skipPreflight: true },
      }),
    ).toEqual({ session: 's', transaction: 't', sendOptions: { skipPreflight: true } })
    expect(parseRequestPayload('signAllTransactions', { session: 's', transactions: ['a', 'b'] })).toEqual({
      session: 's',
      transactions: ['a', 'b'],
    })
  })
})

test.each([
  ['disconnect', null, /not a JSON object/],
  ['disconnect', ['session'], /not a JSON object/],
  ['disconnect', 'session', /not a JSON object/],
  ['disconnect', {}, /no "session" string/],
  ['disconnect', { session: 5 }, /no "session" string/],
  ['disconnect', { session: '' }, /no "session" string/],
  ['disconnect', { session: 'x'.repeat(5000) }, /"session" is too long/],
  ['signMessage', { session: 's' }, /no "message" string/],
  ['signMessage', { session: 's', message: 'm', display: 'base64' }, /"display" must be "utf8" or "hex"/],
  ['signTransaction', { session: 's', transaction: ['t'] }, /no "transaction" string/],
  ['signTransaction', { session: 's', transaction: 't'.repeat(2000) }, /"transaction" is too long/],
  [
    'signAndSendTransaction',
    { session: 's', transaction: 't', sendOptions: [1] },
    /"sendOptions" is not an object/,
  ],
  ['signAllTransactions', { session: 's', transactions: [] }, /no "transactions" array/],
  ['signAllTransactions', { session: 's', transactions: 't' }, /no "transactions" array/],
  ['signAllTransactions', { session: 's', transactions: ['a', 7] }, /Transaction 1 of/],
  ['signAllTransactions', { session: 's', transactions: Array(65).fill('a') }, /65 transactions; at most 64/],
] as const)('%s payload %j is refused', (method, json, message) => {
  expect(() => parseRequestPayload(method, json, 'https://d.example/cb')).toThrow(message)
  expect(() => parseRequestPayload(method, json)).toThrow(InvalidRequestError)
})

test('inherited properties do not count as fields', () => {
  const json = Object.create({ session: 'inherited' }) as object
  expect(() => parseRequestPayload('disconnect', json)).toThrow(/no "session" string/)
})

import bs58 from 'bs58'
import { expect, test } from 'vitest'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { decodeBase58, maxBase58Length } from './decodeBase58.js'

test('decodes base58 of the expected length', () => {
  const bytes = Uint8Array.from({ length: 24 }, (_, index) => index)
  expect(decodeBase58(bs58.encode(bytes), { field: 'nonce', length: 24, maxLength: 64 })).toEqual(bytes)
})

test.each([
  ['', /is empty/],
  ['0OIl', /not valid base58/],
  ['abc def', /not valid base58/],
  ['1'.repeat(65), /too long/],
  [bs58.encode(new Uint8Array(12).fill(7)), /decodes to 12 bytes; it must be 24 bytes/],
])('rejects %j with a clear message', (value, message) => {
  expect(() =>
    decodeBase58(value, { field: 'nonce', length: 24, maxLength: 64, redirectLink: 'x:y' }),
  ).toThrow(message)
  try {
    decodeBase58(value, { field: 'nonce', length: 24, maxLength: 64, redirectLink: 'x:y' })
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ code: -32000, redirectLink: 'x:y' })
  }
})

test('maxBase58Length bounds the encoding of random and all-0xff bytes', () => {
  for (const length of [1, 24, 32, 64, 1232]) {
    expect(bs58.encode(new Uint8Array(length).fill(0xff)).length).toBeLessThanOrEqual(maxBase58Length(length))
    expect(bs58.encode(new Uint8Array(length)).length).toBeLessThanOrEqual(maxBase58Length(length))
  }
})

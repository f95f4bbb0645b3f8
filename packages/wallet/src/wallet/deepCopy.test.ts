import { describe, expect, it } from 'vitest'
import { deepCopy } from './deepCopy.js'

describe('deepCopy', () => {
  it('copies objects, arrays and byte arrays, so mutating the original leaves the copy alone', () => {
    const original = {
      method: 'signAllTransactions',
      transactions: [{ bytes: new Uint8Array([1, 2]) }],
      n: 1,
    }
    const copy = deepCopy(original)
    expect(copy).toEqual(original)
    original.transactions[0]!.bytes[0] = 9
    original.transactions.push({ bytes: new Uint8Array([3]) })
    original.n = 2
    expect(copy).toEqual({
      method: 'signAllTransactions',
      transactions: [{ bytes: new Uint8Array([1, 2]) }],
      n: 1,
    })
    expect(copy.transactions[0]!.bytes).toBeInstanceOf(Uint8Array)
  })

  it('returns primitives, null and undefined as they are', () => {
    for (const value of ['text', 3, true, null, undefined]) expect(deepCopy(value)).toBe(value)
  })
})

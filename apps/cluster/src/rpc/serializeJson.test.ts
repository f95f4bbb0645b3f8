import { describe, expect, it } from 'vitest'
import { serializeJson } from './serializeJson.js'

describe('serializeJson', () => {
  it('writes bigints as exact integers', () => {
    expect(serializeJson({ rentEpoch: 18446744073709551615n, lamports: 5n })).toBe(
      '{"rentEpoch":18446744073709551615,"lamports":5}',
    )
  })

  it('matches JSON.stringify for plain JSON values', () => {
    const value = { a: [1, 'two', null, true, { b: 'x"y\n' }], c: -0.5, d: undefined }
    expect(serializeJson(value)).toBe(JSON.stringify(value))
  })

  it('writes non-finite numbers as null like JSON.stringify', () => {
    expect(serializeJson([Number.NaN, Number.POSITIVE_INFINITY])).toBe('[null,null]')
  })
})

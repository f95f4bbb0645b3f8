import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { assertLength } from './assertLength.js'

describe('assertLength', () => {
  it('passes the exact length and names the value and both lengths otherwise', () => {
    expect(() => assertLength(new Uint8Array(32), 32, 'shared secret')).not.toThrow()
    expect(() => assertLength(new Uint8Array(31), 32, 'shared secret')).toThrow(InvalidArgumentError)
    expect(() => assertLength(new Uint8Array(33), 32, 'shared secret')).toThrow(
      'The shared secret is 33 bytes; it must be 32.',
    )
  })
})

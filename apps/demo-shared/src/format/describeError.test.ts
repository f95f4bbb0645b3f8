import { DapplinkError, UserRejectedRequestError } from '@dapplink/core'
import { describe, expect, it } from 'vitest'
import { describeError } from './describeError.js'

describe('describeError', () => {
  it('shows the short message and code of a typed error', () => {
    const error = new DapplinkError('The wallet is gone.', { details: 'long story', code: 4900 })
    expect(describeError(error)).toEqual({
      name: 'DapplinkError',
      message: 'The wallet is gone.',
      code: 4900,
    })
  })

  it('names the user rejection', () => {
    const description = describeError(new UserRejectedRequestError())
    expect(description.name).toBe('UserRejectedRequestError')
    expect(description.code).toBe(4001)
    expect(description.message.length).toBeGreaterThan(0)
  })

  it('handles plain errors and thrown strings', () => {
    expect(describeError(new TypeError('boom'))).toEqual({ name: 'TypeError', message: 'boom', code: null })
    expect(describeError('nope')).toEqual({ name: 'Error', message: 'nope', code: null })
  })
})

import { describe, expect, it } from 'vitest'
import { DapplinkError } from './base.js'

describe('DapplinkError', () => {
  it('keeps the short message, details, code and cause apart', () => {
    const cause = new Error('root')
    const error = new DapplinkError('The wallet refused.', { details: 'code 4001', code: 4001, cause })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('DapplinkError')
    expect(error.shortMessage).toBe('The wallet refused.')
    expect(error.message).toBe('The wallet refused.\n\nDetails: code 4001')
    expect(error.code).toBe(4001)
    expect(error.cause).toBe(cause)
  })

  it('omits the details block when there are none', () => {
    expect(new DapplinkError('Plain.').message).toBe('Plain.')
  })
})

import { describe, expect, it } from 'vitest'
import { DapplinkError } from '../errors/base.js'
import { InvalidResponseError, RequestCancelledError, RequestExpiredError } from '../errors/deeplink.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { asAnswerError, closedElsewhere } from './deeplinkClientSupport.js'

describe('closedElsewhere', () => {
  it('reports an expiry as RequestExpiredError and anything else as a cancellation naming why', () => {
    expect(closedElsewhere('expired')).toBeInstanceOf(RequestExpiredError)
    expect(closedElsewhere('answered')).toEqual(
      new RequestCancelledError('The request was answered in another client instance.'),
    )
    expect(closedElsewhere(undefined).shortMessage).toBe(
      'The request was abandoned in another client instance.',
    )
  })
})

describe('asAnswerError', () => {
  it('keeps a typed error as it is and wraps anything else as an unreadable answer', () => {
    const typed = new UserRejectedRequestError()
    expect(asAnswerError(typed)).toBe(typed)
    const wrapped = asAnswerError(new SyntaxError('bad JSON'))
    expect(wrapped).toBeInstanceOf(InvalidResponseError)
    expect(wrapped).toBeInstanceOf(DapplinkError)
    expect(wrapped.cause).toBeInstanceOf(SyntaxError)
  })
})

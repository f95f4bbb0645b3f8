import { describe, expect, it } from 'vitest'
import { RequestExpiredError, UnknownRequestError } from '../errors/deeplink.js'
import type { ClosedRequestReason, PendingRequestRecord } from './deeplinkRecords.js'
import { matchPendingRequest } from './matchPendingRequest.js'
import { phantom } from './walletProfiles.js'

const pending: PendingRequestRecord = { id: 'req-1', method: 'signMessage', createdAt: 0, profile: phantom }
const closed =
  (reasons: Record<string, ClosedRequestReason>) =>
  (id: string): ClosedRequestReason | undefined =>
    reasons[id]

describe('matchPendingRequest', () => {
  it('returns the pending request its answer names', () => {
    expect(matchPendingRequest(pending, 'req-1', closed({}))).toBe(pending)
  })

  it('returns null for an answer this storage already handled (a reload with the answer in the URL)', () => {
    expect(matchPendingRequest(null, 'req-0', closed({ 'req-0': 'answered' }))).toBeNull()
    expect(matchPendingRequest(pending, 'req-0', closed({ 'req-0': 'answered' }))).toBeNull()
  })

  it('throws RequestExpiredError for an expired request, UnknownRequestError for anything else', () => {
    expect(() => matchPendingRequest(null, 'req-0', closed({ 'req-0': 'expired' }))).toThrow(
      RequestExpiredError,
    )
    let cancelled: UnknownRequestError | undefined
    try {
      matchPendingRequest(pending, 'req-0', closed({ 'req-0': 'cancelled' }))
    } catch (error) {
      cancelled = error as UnknownRequestError
    }
    expect(cancelled).toBeInstanceOf(UnknownRequestError)
    expect(cancelled?.details).toBe('It was abandoned (cancelPendingRequest or disconnect).')
    expect(() => matchPendingRequest(pending, 'req-1x', closed({}))).toThrow(
      'The wallet answered a request this dapp is not waiting for.',
    )
  })
})

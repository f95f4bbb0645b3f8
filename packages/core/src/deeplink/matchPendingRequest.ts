import { constantTimeEqual } from '../crypto/constantTimeEqual.js'
import { UnknownRequestError } from '../errors/deeplink.js'
import { expired, utf8 } from './deeplinkClientSupport.js'
import type { ClosedRequestReason, PendingRequestRecord } from './deeplinkRecords.js'

/**
 * The pending request a wallet answer names (ids compared in constant time), or null for an answer this
 * storage handled already (the page was reloaded, or went back, with the answer in its URL). Throws
 * `RequestExpiredError` for an answer to an expired request and `UnknownRequestError` for any other id.
 */
export function matchPendingRequest(
  pending: PendingRequestRecord | null,
  requestId: string,
  closedReason: (id: string) => ClosedRequestReason | undefined,
): PendingRequestRecord | null {
  if (pending && constantTimeEqual(utf8(pending.id), utf8(requestId))) return pending
  const reason = closedReason(requestId)
  if (reason === 'answered') return null
  if (reason === 'expired') throw expired()
  throw new UnknownRequestError('The wallet answered a request this dapp is not waiting for.', {
    details:
      reason === 'cancelled'
        ? 'It was abandoned (cancelPendingRequest or disconnect).'
        : 'It is not pending here: another tab, cleared storage, or a forged link?',
  })
}

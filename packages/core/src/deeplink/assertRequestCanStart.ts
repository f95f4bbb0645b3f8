import { NotConnectedError, RequestPendingError } from '../errors/deeplink.js'
import { assertMethodSupported } from './buildRequestUrl.js'
import type { PendingRequestRecord, SessionRecord } from './deeplinkRecords.js'
import type { DeeplinkMethod } from './walletProfile.js'

/**
 * Checks that a `method` request may start: connected (unless it is `connect`) to a wallet that supports
 * it, and no request still waiting (`waiting`: the pending request, unless it expired). Throws
 * `NotConnectedError`, `UnsupportedMethodError` or `RequestPendingError`.
 */
export function assertRequestCanStart(
  method: DeeplinkMethod,
  session: SessionRecord | null,
  waiting: PendingRequestRecord | null | false,
): void {
  if (method !== 'connect') {
    if (!session) throw new NotConnectedError()
    assertMethodSupported(session.profile, method)
  }
  if (waiting)
    throw new RequestPendingError(
      `A ${waiting.method} request is still waiting for the wallet. Wait, or call cancelPendingRequest().`,
    )
}

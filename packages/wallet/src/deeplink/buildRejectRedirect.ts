import { type DeeplinkErrorCode, defaultErrorMessage } from '../errors/codes.js'
import { appendQueryParams } from './appendQueryParams.js'

export type BuildRejectRedirectParameters = {
  /** The protocol error code; defaults to 4001 (user rejected). */
  code?: DeeplinkErrorCode | undefined
  /** The `errorMessage`; defaults to the code's standard message. Never put secrets in it. */
  message?: string | undefined
}

/**
 * Builds the reject answer: `redirectLink` with `errorCode` and `errorMessage` appended.
 *
 * @example
 * location.href = buildRejectRedirect(request.redirectLink, { code: 4001 })
 */
export function buildRejectRedirect(
  redirectLink: string,
  parameters: BuildRejectRedirectParameters = {},
): string {
  const code = parameters.code ?? 4001
  const message = parameters.message ?? defaultErrorMessage(code)
  return appendQueryParams(redirectLink, { errorCode: String(code), errorMessage: message })
}

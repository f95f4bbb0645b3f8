export type DapplinkErrorParameters = {
  /** Extra detail for developers: the offending value, the limit, the hint. */
  details?: string | undefined
  /** The error that caused this one. */
  cause?: unknown
  /** A protocol error code, when the protocol defines one (4001, -32603, ...). */
  code?: number | undefined
}

/**
 * Base class of every error dapplink throws. Switch on `instanceof` or `name`.
 *
 * @example
 * try { await client.signMessage(message) } catch (error) {
 *   if (error instanceof UserRejectedRequestError) showToast('You rejected the request')
 * }
 */
export class DapplinkError extends Error {
  override name = 'DapplinkError'
  /** The one-line message, without details. */
  readonly shortMessage: string
  readonly details: string | undefined
  readonly code: number | undefined

  constructor(shortMessage: string, parameters: DapplinkErrorParameters = {}) {
    const { details, cause, code } = parameters
    super(
      details ? `${shortMessage}\n\nDetails: ${details}` : shortMessage,
      cause === undefined ? undefined : { cause },
    )
    this.shortMessage = shortMessage
    this.details = details
    this.code = code
  }
}

export type RelayErrorParameters = {
  /** Extra detail for operators: the offending value, the limit, the hint. */
  details?: string | undefined
  /** The error that caused this one. */
  cause?: unknown
  /** A machine-readable code, e.g. `bad_config`. */
  code?: string | undefined
}

/**
 * Base class of the errors the relay process throws (configuration, startup). It has the same
 * shape as `DapplinkError` in `@dapplink/core`; the relay does not import the SDK so that the
 * server bundle stays independent of it, and its codes are strings instead of JSON-RPC numbers.
 */
export class RelayError extends Error {
  override name = 'RelayError'
  /** The one-line message, without details. */
  readonly shortMessage: string
  readonly details: string | undefined
  readonly code: string | undefined

  constructor(shortMessage: string, parameters: RelayErrorParameters = {}) {
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

/** A configuration value (env var or flag) that the relay cannot use. */
export class RelayConfigError extends RelayError {
  override name = 'RelayConfigError'
  constructor(shortMessage: string, parameters: Omit<RelayErrorParameters, 'code'> = {}) {
    super(shortMessage, { ...parameters, code: 'bad_config' })
  }
}

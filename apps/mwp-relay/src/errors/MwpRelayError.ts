export type MwpRelayErrorParameters = {
  /** Extra detail for operators: the offending value, the limit, the hint. */
  details?: string | undefined
  /** The error that caused this one. */
  cause?: unknown
  /** A machine-readable code, e.g. `bad_config`. */
  code?: string | undefined
}

/**
 * Base class of the errors the MWP relay process throws (configuration, start-up). Same shape as
 * `DapplinkError` in `@dapplink/core` (`shortMessage`, `details`, `code`); the relay does not
 * import the SDK so that it stays a standalone server.
 */
export class MwpRelayError extends Error {
  override name = 'MwpRelayError'
  /** The one-line message, without details. */
  readonly shortMessage: string
  readonly details: string | undefined
  readonly code: string | undefined

  constructor(shortMessage: string, parameters: MwpRelayErrorParameters = {}) {
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

/** A configuration value (option, env var or flag) that the relay cannot use. */
export class MwpRelayConfigError extends MwpRelayError {
  override name = 'MwpRelayConfigError'
  constructor(shortMessage: string, parameters: Omit<MwpRelayErrorParameters, 'code'> = {}) {
    super(shortMessage, { ...parameters, code: 'bad_config' })
  }
}

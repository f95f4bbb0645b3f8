/**
 * The error codes of the Phantom-compatible deeplink protocol (sent back as `errorCode`).
 * See docs/protocol.md and Phantom's "Errors" page.
 */
export const deeplinkErrorCodes = {
  /** The user rejected the request. */
  userRejected: 4001,
  /** The request is not authorized: unknown session, or a session token this wallet did not issue. */
  unauthorized: 4100,
  /** The wallet is not connected to this dapp. */
  disconnected: 4900,
  /** The request is malformed: missing or invalid parameters, payload of the wrong shape. */
  invalidInput: -32000,
  /** The requested resource is not available. */
  resourceUnavailable: -32002,
  /** The transaction could not be sent or was rejected by the network. */
  transactionRejected: -32003,
  /** The method is not one this wallet knows. */
  methodNotFound: -32601,
  /** The wallet failed internally. */
  internalError: -32603,
} as const

/** One of the protocol's error codes. */
export type DeeplinkErrorCode = (typeof deeplinkErrorCodes)[keyof typeof deeplinkErrorCodes]

const defaultMessages: Record<DeeplinkErrorCode, string> = {
  4001: 'User rejected the request.',
  4100: 'The requested method and/or account has not been authorized by the user.',
  4900: 'The wallet is not connected to this app.',
  [-32000]: 'Missing or invalid parameters.',
  [-32002]: 'The requested resource is not available.',
  [-32003]: 'The transaction was rejected.',
  [-32601]: 'The method does not exist or is not available.',
  [-32603]: 'Internal error.',
}

/** The default human-readable `errorMessage` for a protocol error code. */
export function defaultErrorMessage(code: DeeplinkErrorCode): string {
  return defaultMessages[code]
}

/** Whether `value` is one of the protocol's error codes. */
export function isDeeplinkErrorCode(value: unknown): value is DeeplinkErrorCode {
  return typeof value === 'number' && Object.hasOwn(defaultMessages, value)
}

import { DapplinkError, type DapplinkErrorParameters } from '@dapplink/core'
import { type DeeplinkErrorCode, deeplinkErrorCodes } from './codes.js'

export type WalletRequestErrorParameters = Omit<DapplinkErrorParameters, 'code'> & {
  /**
   * The request's validated `redirect_link`, when it could be read. With it the wallet can still answer
   * the dapp with a reject redirect (see `buildRejectRedirect`).
   */
  redirectLink?: string | undefined
}

/**
 * Base class of every error the wallet raises while handling a deeplink request. `code` is the protocol
 * error code to send back, `redirectLink` where to send it (undefined when the request had no usable one).
 */
export class WalletRequestError extends DapplinkError {
  override name = 'WalletRequestError'
  override readonly code: DeeplinkErrorCode
  readonly redirectLink: string | undefined

  constructor(shortMessage: string, code: DeeplinkErrorCode, parameters: WalletRequestErrorParameters = {}) {
    const { redirectLink, ...rest } = parameters
    super(shortMessage, { ...rest, code })
    this.code = code
    this.redirectLink = redirectLink
  }
}

/** The request is malformed (-32000): bad parameter, bad base58, wrong key length, wrong payload shape. */
export class InvalidRequestError extends WalletRequestError {
  override name = 'InvalidRequestError'
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    super(shortMessage, deeplinkErrorCodes.invalidInput, parameters)
  }
}

/** The payload could not be decrypted with the session's shared secret (-32000): tampered or wrong key. */
export class DecryptionError extends WalletRequestError {
  override name = 'DecryptionError'
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    super(shortMessage, deeplinkErrorCodes.invalidInput, parameters)
  }
}

/** The method is not part of the protocol (-32601). */
export class MethodNotFoundError extends WalletRequestError {
  override name = 'MethodNotFoundError'
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    super(shortMessage, deeplinkErrorCodes.methodNotFound, parameters)
  }
}

/** No session for this dapp key, or a session token this wallet did not issue (4100). */
export class UnauthorizedError extends WalletRequestError {
  override name = 'UnauthorizedError'
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    super(shortMessage, deeplinkErrorCodes.unauthorized, parameters)
  }
}

/** The injected `sendTransaction` failed (-32003). */
export class TransactionRejectedError extends WalletRequestError {
  override name = 'TransactionRejectedError'
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    super(shortMessage, deeplinkErrorCodes.transactionRejected, parameters)
  }
}

/** The wallet failed internally (-32603), e.g. the session store or an injected signer threw. */
export class InternalWalletError extends WalletRequestError {
  override name = 'InternalWalletError'
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    super(shortMessage, deeplinkErrorCodes.internalError, parameters)
  }
}

/** The request's nonce belongs to a request this wallet already answered (-32000). */
export class ReplayError extends WalletRequestError {
  override name = 'ReplayError'
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    super(shortMessage, deeplinkErrorCodes.invalidInput, parameters)
  }
}

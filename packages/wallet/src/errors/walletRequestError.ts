import {
  DecryptionError as CoreDecryptionError,
  InternalWalletError as CoreInternalWalletError,
  MethodNotFoundError as CoreMethodNotFoundError,
  ReplayError as CoreReplayError,
  TransactionRejectedError as CoreTransactionRejectedError,
  UnauthorizedError as CoreUnauthorizedError,
  DapplinkError,
  type DapplinkErrorParameters,
} from '@dapplink/core'
import { type DeeplinkErrorCode, deeplinkErrorCodes } from './codes.js'

// One name, one class (docs/STYLE): the six errors whose names @dapplink/core already exports subclass
// core's classes, so `instanceof DecryptionError` holds whichever package a program imported it from. They
// are wallet request errors too: `WalletRequestError` recognises them by a brand, since a class has one
// parent.
const walletRequestErrorBrand: unique symbol = Symbol.for('@dapplink/wallet/WalletRequestError')

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
  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses keep the ordinary prototype check; the base class also knows the branded core subclasses.
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` was asked about.
    if (this !== WalletRequestError) return Function.prototype[Symbol.hasInstance].call(this, value)
    return typeof value === 'object' && value !== null && walletRequestErrorBrand in value
  }
  readonly [walletRequestErrorBrand] = true
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
export class DecryptionError extends CoreDecryptionError {
  readonly [walletRequestErrorBrand] = true
  override name = 'DecryptionError'
  declare readonly code: DeeplinkErrorCode
  readonly redirectLink: string | undefined
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    const { redirectLink, ...rest } = parameters
    super(shortMessage, { ...rest, details: rest.details, code: deeplinkErrorCodes.invalidInput })
    this.redirectLink = redirectLink
  }
}

/** The method is not part of the protocol (-32601). */
export class MethodNotFoundError extends CoreMethodNotFoundError {
  readonly [walletRequestErrorBrand] = true
  override name = 'MethodNotFoundError'
  declare readonly code: DeeplinkErrorCode
  readonly redirectLink: string | undefined
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    const { redirectLink, details, cause } = parameters
    super({ shortMessage, details, cause })
    this.redirectLink = redirectLink
  }
}

/** No session for this dapp key, or a session token this wallet did not issue (4100). */
export class UnauthorizedError extends CoreUnauthorizedError {
  readonly [walletRequestErrorBrand] = true
  override name = 'UnauthorizedError'
  declare readonly code: DeeplinkErrorCode
  readonly redirectLink: string | undefined
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    const { redirectLink, details, cause } = parameters
    super({ shortMessage, details, cause })
    this.redirectLink = redirectLink
  }
}

/** The injected `sendTransaction` failed (-32003). */
export class TransactionRejectedError extends CoreTransactionRejectedError {
  readonly [walletRequestErrorBrand] = true
  override name = 'TransactionRejectedError'
  declare readonly code: DeeplinkErrorCode
  readonly redirectLink: string | undefined
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    const { redirectLink, details, cause } = parameters
    super({ shortMessage, details, cause })
    this.redirectLink = redirectLink
  }
}

/** The wallet failed internally (-32603), e.g. the session store or an injected signer threw. */
export class InternalWalletError extends CoreInternalWalletError {
  readonly [walletRequestErrorBrand] = true
  override name = 'InternalWalletError'
  declare readonly code: DeeplinkErrorCode
  readonly redirectLink: string | undefined
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    const { redirectLink, details, cause } = parameters
    super({ shortMessage, details, cause })
    this.redirectLink = redirectLink
  }
}

/** The request's nonce belongs to a request this wallet already answered (-32000). */
export class ReplayError extends CoreReplayError {
  readonly [walletRequestErrorBrand] = true
  override name = 'ReplayError'
  declare readonly code: DeeplinkErrorCode
  readonly redirectLink: string | undefined
  constructor(shortMessage: string, parameters: WalletRequestErrorParameters = {}) {
    const { redirectLink, ...rest } = parameters
    super(shortMessage, { ...rest, code: deeplinkErrorCodes.invalidInput })
    this.redirectLink = redirectLink
  }
}

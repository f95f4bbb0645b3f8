import { DapplinkError } from './base.js'

export type WalletRpcErrorParameters = {
  /** The code the wallet sent (`errorCode`), parsed to a number. */
  code: number
  /** The wallet's own `errorMessage`, if any. Shown as details, never trusted as markup. */
  walletMessage?: string | undefined
  cause?: unknown
}

/**
 * A wallet answered a request with an error (`errorCode` + `errorMessage`). Subclasses name the codes
 * the Phantom/Solflare/Backpack deeplink protocol defines; any other code arrives as this class.
 */
export class WalletRpcError extends DapplinkError {
  override name = 'WalletRpcError'
  /** The wallet's own `errorMessage`, verbatim. */
  readonly walletMessage: string | undefined
  declare readonly code: number

  constructor(shortMessage: string, parameters: WalletRpcErrorParameters & { details?: string | undefined }) {
    const { code, walletMessage, cause } = parameters
    super(shortMessage, {
      code,
      details:
        parameters.details ??
        (walletMessage ? `The wallet said (code ${code}): ${walletMessage}` : `Wallet error code ${code}.`),
      cause,
    })
    this.walletMessage = walletMessage
  }
}

type WalletRpcErrorSubclassParameters = Omit<WalletRpcErrorParameters, 'code'> & {
  /** Replaces the class's default message (the wallet kit's subclasses say what they refused). */
  shortMessage?: string | undefined
  /** Replaces the default details (the wallet's own message, or its code). */
  details?: string | undefined
}

/** 4001: the user declined the request in the wallet. */
export class UserRejectedRequestError extends WalletRpcError {
  static readonly code = 4001
  override name = 'UserRejectedRequestError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The user rejected the request in the wallet.', {
      ...parameters,
      code: 4001,
    })
  }
}

/** 4100: the wallet does not recognise this dapp's session. Connect again. */
export class UnauthorizedError extends WalletRpcError {
  static readonly code = 4100
  override name = 'UnauthorizedError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The wallet has not authorized this session. Connect again.', {
      ...parameters,
      code: 4100,
    })
  }
}

/** 4900: the wallet is not connected to the Solana network. */
export class WalletDisconnectedError extends WalletRpcError {
  static readonly code = 4900
  override name = 'WalletDisconnectedError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The wallet is offline. Try again later.', { ...parameters, code: 4900 })
  }
}

/** -32000: the wallet found the request's parameters invalid. */
export class InvalidInputError extends WalletRpcError {
  static readonly code = -32000
  override name = 'InvalidInputError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The wallet found the request invalid.', { ...parameters, code: -32000 })
  }
}

/** -32002: the wallet is busy with another request or a resource is missing. */
export class ResourceUnavailableError extends WalletRpcError {
  static readonly code = -32002
  override name = 'ResourceUnavailableError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The wallet is busy or lacks a resource. Try again later.', {
      ...parameters,
      code: -32002,
    })
  }
}

/** -32003: the wallet refused the transaction (invalid, or simulation failed). */
export class TransactionRejectedError extends WalletRpcError {
  static readonly code = -32003
  override name = 'TransactionRejectedError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The wallet rejected the transaction.', { ...parameters, code: -32003 })
  }
}

/** -32601: the wallet does not implement the method. */
export class MethodNotFoundError extends WalletRpcError {
  static readonly code = -32601
  override name = 'MethodNotFoundError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The wallet does not support this method.', {
      ...parameters,
      code: -32601,
    })
  }
}

/** -32603: the wallet failed internally. Often a malformed payload (e.g. hex instead of base58). */
export class InternalWalletError extends WalletRpcError {
  static readonly code = -32603
  override name = 'InternalWalletError'
  constructor(parameters: WalletRpcErrorSubclassParameters = {}) {
    super(parameters.shortMessage ?? 'The wallet failed with an internal error.', {
      ...parameters,
      code: -32603,
    })
  }
}

/** The one place that maps a wallet `errorCode` to its error class. */
export const walletRpcErrorClasses = {
  4001: UserRejectedRequestError,
  4100: UnauthorizedError,
  4900: WalletDisconnectedError,
  [-32000]: InvalidInputError,
  [-32002]: ResourceUnavailableError,
  [-32003]: TransactionRejectedError,
  [-32601]: MethodNotFoundError,
  [-32603]: InternalWalletError,
} as const satisfies Record<number, WalletRpcErrorClass>

type WalletRpcErrorClass = new (parameters?: WalletRpcErrorSubclassParameters) => WalletRpcError

/**
 * Builds the typed error for a wallet error code; an unknown code gives a plain {@link WalletRpcError}.
 *
 * @example
 * throw createWalletRpcError(4001, 'User rejected the request.') // UserRejectedRequestError
 */
export function createWalletRpcError(code: number, walletMessage?: string): WalletRpcError {
  const classes: Readonly<Record<number, WalletRpcErrorClass>> = walletRpcErrorClasses
  if (Object.hasOwn(classes, code)) return new classes[code]!({ walletMessage })
  return new WalletRpcError(`The wallet answered with error code ${code}.`, { code, walletMessage })
}

import { DapplinkError, type DapplinkErrorParameters } from './base.js'

type Parameters = Omit<DapplinkErrorParameters, 'code'>

/** The caller passed something dapplink cannot use (a bad transaction, profile, option...). */
export class InvalidArgumentError extends DapplinkError {
  override name = 'InvalidArgumentError'
}

/** A value is not valid base58 (bitcoin alphabet) or has the wrong decoded length. */
export class InvalidBase58Error extends DapplinkError {
  override name = 'InvalidBase58Error'
}

/** A wallet's redirect could not be understood: missing, duplicated, oversized or malformed fields. */
export class InvalidResponseError extends DapplinkError {
  override name = 'InvalidResponseError'
}

/** A sealed payload did not open: wrong key, wrong nonce or tampered ciphertext. */
export class DecryptionError extends DapplinkError {
  override name = 'DecryptionError'
  // `code`: the wallet kit's subclass carries the protocol code it answers with (-32000).
  constructor(
    shortMessage = 'The wallet answer could not be decrypted.',
    parameters: DapplinkErrorParameters = {},
  ) {
    super(shortMessage, {
      details: "Tampered data, or another session's keys.",
      ...parameters,
    })
  }
}

/** The chosen wallet profile does not support the method. */
export class UnsupportedMethodError extends DapplinkError {
  override name = 'UnsupportedMethodError'
}

/** The deeplink would be longer than the configured `maxUrlLength`. */
export class UrlTooLongError extends DapplinkError {
  override name = 'UrlTooLongError'
  /** The URL length in characters (a lower bound when the link was refused before encoding). */
  readonly length: number
  readonly maxLength: number
  constructor(length: number, maxLength: number, parameters: Parameters & { atLeast?: boolean } = {}) {
    const { atLeast, ...rest } = parameters
    super(
      `The deeplink would be ${atLeast ? 'at least ' : ''}${length} characters long; the limit is ${maxLength}.`,
      {
        details: 'Long links fail on Android. Send less per request, or raise maxUrlLength.',
        ...rest,
      },
    )
    this.length = length
    this.maxLength = maxLength
  }
}

/** A method other than connect was called without a connected session. */
export class NotConnectedError extends DapplinkError {
  override name = 'NotConnectedError'
  constructor(parameters: Parameters = {}) {
    super('No wallet is connected. Call connect() first.', parameters)
  }
}

/** A request was started while another one is still waiting for the wallet's answer. */
export class RequestPendingError extends DapplinkError {
  override name = 'RequestPendingError'
}

/** The pending request was abandoned (cancelPendingRequest, disconnect, or a newer request after expiry). */
export class RequestCancelledError extends DapplinkError {
  override name = 'RequestCancelledError'
}

/** A response names a request id this client never sent, or one it abandoned. */
export class UnknownRequestError extends DapplinkError {
  override name = 'UnknownRequestError'
}

/** A response arrived after the request's time to live. */
export class RequestExpiredError extends DapplinkError {
  override name = 'RequestExpiredError'
}

/** A response for a request that was already answered (a replayed or reloaded redirect URL). */
export class ReplayError extends DapplinkError {
  override name = 'ReplayError'
}

/** The storage for pending requests and the session failed (quota, privacy mode, sandboxed iframe...). */
export class StorageError extends DapplinkError {
  override name = 'StorageError'
}

/** Opening the deeplink failed (no `window`, or the injected `navigate` threw). */
export class NavigationError extends DapplinkError {
  override name = 'NavigationError'
}

/** The wallet profile does not accept the cluster the dapp asked for (e.g. `devnet` on Backpack). */
export class UnsupportedClusterError extends DapplinkError {
  override name = 'UnsupportedClusterError'
}

/** A signature the wallet returned does not verify against the connected account's public key. */
export class InvalidSignatureError extends DapplinkError {
  override name = 'InvalidSignatureError'
}

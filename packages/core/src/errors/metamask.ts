import { DapplinkError, type DapplinkErrorParameters } from './base.js'

// The typed errors of the MetaMask Mobile Wallet Protocol transport (docs/metamask.md). Publications the
// dapp cannot use (duplicates, unknown senders) are dropped silently; these are what a caller can see.

/** A connection request that breaks MetaMask Mobile's rules (id, channel, key, expiry, metadata, size). */
export class InvalidConnectionRequestError extends DapplinkError {
  override name = 'InvalidConnectionRequestError'
}

/** A publication that is not a `{ clientId, nonce, payload }` envelope, or a payload that is not a protocol message. */
export class MalformedPublicationError extends DapplinkError {
  override name = 'MalformedPublicationError'
}

/** The pairing request expired before a wallet answered it (and it was not renewed). */
export class ConnectionRequestExpiredError extends DapplinkError {
  override name = 'ConnectionRequestExpiredError'
}

/** The handshake offer could not be opened with the dapp's key (sealed to another key, or tampered). */
export class HandshakeOfferError extends DapplinkError {
  override name = 'HandshakeOfferError'
}

/** The one-time code typed does not match the wallet's; `attemptsLeft` more tries are allowed. */
export class IncorrectOtpError extends DapplinkError {
  override name = 'IncorrectOtpError'
  readonly attemptsLeft: number
  constructor(attemptsLeft: number, parameters: DapplinkErrorParameters = {}) {
    super(`The code does not match the one the wallet shows; ${attemptsLeft} tries left.`, parameters)
    this.attemptsLeft = attemptsLeft
  }
}

/** Why a MetaMask session ended. */
export type MetamaskSessionEndReason =
  | 'disconnected'
  | 'otp-attempts-exhausted'
  | 'otp-expired'
  | 'wallet-silent'
  | 'session-revoked'

/** The MetaMask session ended; pending requests reject with it. `reason` says why. */
export class MetamaskSessionClosedError extends DapplinkError {
  override name = 'MetamaskSessionClosedError'
  readonly reason: MetamaskSessionEndReason
  constructor(
    reason: MetamaskSessionEndReason,
    parameters: DapplinkErrorParameters & { shortMessage?: string } = {},
  ) {
    const { shortMessage, ...rest } = parameters
    super(shortMessage ?? `The MetaMask session is closed (${reason}).`, rest)
    this.reason = reason
  }
}

/** The Centrifugo relay refused a command (`code` is Centrifugo's error code) or could not be reached. */
export class CentrifugoError extends DapplinkError {
  override name = 'CentrifugoError'
}

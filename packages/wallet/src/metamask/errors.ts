import { DapplinkError, type DapplinkErrorParameters } from '@dapplink/core'

// The wallet side of MetaMask's Mobile Wallet Protocol raises these. Named `Mwp...` so that no name
// clashes with the dapp side's errors in @dapplink/core (one name, one class).

/** Base class of the errors of `@dapplink/wallet/metamask`. */
export class MwpWalletError extends DapplinkError {
  override name = 'MwpWalletError'
}

/** A `metamask://connect/mwp` link that is not a valid connection request. */
export class MalformedMwpLinkError extends MwpWalletError {
  override name = 'MalformedMwpLinkError'
}

/** A connection link, or the request inside it, over the size limit (a decompression bomb, or a link to refuse). */
export class OversizedMwpLinkError extends MwpWalletError {
  override name = 'OversizedMwpLinkError'
  constructor(what: string, bytes: number, limit: number, parameters: DapplinkErrorParameters = {}) {
    super(`The ${what} has ${bytes} bytes or more; at most ${limit} are accepted.`, parameters)
  }
}

/** A connection request whose `expiresAt` has passed: the dapp must show a new QR code. */
export class ExpiredMwpLinkError extends MwpWalletError {
  override name = 'ExpiredMwpLinkError'
  readonly expiresAt: number
  constructor(expiresAt: number, now: number) {
    super(`The connection request expired ${Math.round((now - expiresAt) / 1000)} s ago.`, {
      details: 'Scan the new QR code the dapp shows.',
    })
    this.expiresAt = expiresAt
  }
}

/** A peer public key that is not a 33-byte compressed secp256k1 point. */
export class InvalidMwpPeerKeyError extends MwpWalletError {
  override name = 'InvalidMwpPeerKeyError'
}

/** The dapp did not acknowledge an untrusted pairing (OTP) before its deadline. */
export class MwpHandshakeTimeoutError extends MwpWalletError {
  override name = 'MwpHandshakeTimeoutError'
}

/** `signAndSendTransaction` without a `sendTransaction` given to the wallet. */
export class MwpSenderMissingError extends MwpWalletError {
  override name = 'MwpSenderMissingError'
  constructor() {
    super('This wallet cannot send transactions: no sendTransaction was given to createMwpWallet.', {
      details: 'Pass sendTransaction(signedTransaction, scope) to send through your RPC.',
    })
  }
}

/** An operation on a session that ended or is not paired yet. */
export class MwpSessionStateError extends MwpWalletError {
  override name = 'MwpSessionStateError'
}

import { DapplinkError, type DapplinkErrorParameters } from './base.js'

// One class per name across entry points: these three are shared with the deeplink side.
export { DecryptionError, InvalidResponseError, ReplayError } from './deeplink.js'

// The relay's typed errors (docs/protocol.md sections 2-7). Frame errors are reported through `onError`
// and never end a session; `SessionClosedError` and its subclasses end one.

/** The pairing URI or wallet link is missing a parameter or has a malformed one. */
export class InvalidPairingUriError extends DapplinkError {
  override name = 'InvalidPairingUriError'
}

/** A frame's header or length is wrong (version, type, direction, flags, channel, body length). */
export class MalformedFrameError extends DapplinkError {
  override name = 'MalformedFrameError'
}

/**
 * What a version mismatch means for the user: which side runs the older dapplink protocol and what to update.
 * `peer` is the other side, `version` the version it speaks.
 */
function versionMismatch(
  peer: 'dapp' | 'wallet',
  version: string,
  supportedVersion: number,
): { shortMessage: string; details: string } {
  const peerVersion = Number(version)
  const older = Number.isInteger(peerVersion) && peerVersion < supportedVersion
  const self = peer === 'dapp' ? 'wallet' : 'dapp'
  return older
    ? {
        shortMessage: `The ${peer} runs an older dapplink protocol (version ${version}); this ${self} speaks version ${supportedVersion}.`,
        details: `Version ${supportedVersion} changed the handshake (docs/protocol.md section 4.1); update the ${peer}'s dapplink, then pair again.`,
      }
    : {
        shortMessage: `The ${peer} speaks dapplink protocol version ${version}; this ${self} speaks version ${supportedVersion}.`,
        details: `Update this ${self}'s dapplink so both sides speak the same version, then pair again.`,
      }
}

/** The pairing URI is of another protocol version than this wallet's (e.g. `v=1` from an older dapp). */
export class PairingUriVersionError extends InvalidPairingUriError {
  override name = 'PairingUriVersionError'
  /** The `v` parameter of the URI, as written. */
  readonly uriVersion: string
  constructor(uriVersion: string, supportedVersion: number) {
    const { shortMessage, details } = versionMismatch('dapp', uriVersion, supportedVersion)
    super(shortMessage, { details })
    this.uriVersion = uriVersion
  }
}

/** A frame of another protocol version than this side's (e.g. a HELLO of a version 1 wallet). */
export class FrameVersionError extends MalformedFrameError {
  override name = 'FrameVersionError'
  /** The version byte of the frame. */
  readonly frameVersion: number
  constructor(frameVersion: number, sender: 'dapp' | 'wallet', supportedVersion: number) {
    const { shortMessage, details } = versionMismatch(sender, String(frameVersion), supportedVersion)
    super(shortMessage, { details: `${details} The frame was dropped.` })
    this.frameVersion = frameVersion
  }
}

/** A frame is larger than the protocol's 64 KiB maximum. */
export class FrameTooLargeError extends DapplinkError {
  override name = 'FrameTooLargeError'
}

/** A message is too large to fit in one frame; split it (e.g. fewer transactions per request). */
export class MessageTooLargeError extends DapplinkError {
  override name = 'MessageTooLargeError'
}

/** A HELLO or KEY whose MAC does not verify with the pairing secret, or a second, different HELLO. */
export class HandshakeAuthenticationError extends DapplinkError {
  override name = 'HandshakeAuthenticationError'
}

/** A DATA frame that skips sequence numbers; the sender re-sends the gap. */
export class OutOfOrderError extends DapplinkError {
  override name = 'OutOfOrderError'
}

/** A frame of a type that is not expected now (a handshake frame after the handshake, a non-binary payload). */
export class UnexpectedFrameError extends DapplinkError {
  override name = 'UnexpectedFrameError'
}

/** The peer broke a protocol rule with an authentic frame (e.g. acknowledged frames that were never sent). */
export class ProtocolError extends DapplinkError {
  override name = 'ProtocolError'
}

/** A decrypted message that is neither a JSON-RPC request/response nor a known control message. */
export class UnknownMessageError extends DapplinkError {
  override name = 'UnknownMessageError'
}

/** The relay answered an event with an error (`{ ok: false, error: { code } }`) or did not answer in time. */
export class RelayRequestError extends DapplinkError {
  override name = 'RelayRequestError'
  /** The relay's error code (`unauthorized`, `queue_full`, ...), or `timeout` / `offline`. */
  readonly relayCode: string
  constructor(shortMessage: string, relayCode: string, parameters: DapplinkErrorParameters = {}) {
    super(shortMessage, parameters)
    this.relayCode = relayCode
  }
}

/** Why a session ended (docs/protocol.md section 7). */
export type SessionCloseReason =
  | 'disconnected'
  | 'terminated'
  | 'wallet-gone'
  | 'dapp-gone'
  | 'handshake-timeout'
  | 'handshake-failed'
  | 'expired'
  | 'relay-closed'
  | 'overflow'
  | 'page-hidden'

/** The session ended; every pending request rejects with it. `reason` says why. */
export class SessionClosedError extends DapplinkError {
  override name = 'SessionClosedError'
  readonly reason: SessionCloseReason
  constructor(
    reason: SessionCloseReason,
    parameters: DapplinkErrorParameters & { shortMessage?: string } = {},
  ) {
    const { shortMessage, ...rest } = parameters
    super(shortMessage ?? `The relay session is closed (${reason}).`, rest)
    this.reason = reason
  }
}

/** The handshake did not finish within the handshake timeout. */
export class HandshakeTimeoutError extends SessionClosedError {
  override name = 'HandshakeTimeoutError'
  constructor(timeoutMs: number) {
    super('handshake-timeout', {
      shortMessage: `The handshake with the wallet did not finish within ${timeoutMs} ms.`,
      details: 'Check that both sides reach the relay, then pair again with a new pairing URI.',
    })
  }
}

/**
 * The wallet's DNE revealed a nonce that does not match the commitment of its HELLO (docs/protocol.md
 * section 4.1). Only the author of the HELLO can seal that DNE, so the wallet (or whoever paired instead of
 * it) broke the protocol, e.g. to steer the verification code: the dapp ends the handshake.
 */
export class HandshakeCommitmentError extends SessionClosedError {
  override name = 'HandshakeCommitmentError'
  constructor() {
    super('handshake-failed', {
      shortMessage: "The wallet's DNE reveals a nonce that does not match the commitment in its HELLO.",
      details:
        'The handshake was ended: the wallet, or someone who paired in its place, tried to change its part of the verification code. Pair again with a new pairing URI.',
    })
  }
}

/** Why the relay says a channel ended: `closed` (deleted: a member left with close), `expired`, `replaced`. */
export type RelayClosedReason = 'closed' | 'expired' | 'replaced'

/**
 * The relay ended this side's membership (its `closed` event): the channel expired (`reason: 'expired'`), or
 * it was deleted or this side was replaced (`reason: 'relay-closed'`). The relay's word, not the peer's: a
 * peer that ends the session sends a sealed `terminate` (`reason: 'terminated'`).
 */
export class RelayClosedError extends SessionClosedError {
  override name = 'RelayClosedError'
  /** What the relay said. */
  readonly relayReason: RelayClosedReason
  constructor(relayReason: RelayClosedReason) {
    super(relayReason === 'expired' ? 'expired' : 'relay-closed', {
      shortMessage:
        relayReason === 'expired'
          ? 'The relay closed the session: its channel expired.'
          : relayReason === 'replaced'
            ? "The relay closed the session: another connection joined with this side's token."
            : 'The relay closed the session: its channel was deleted.',
      details:
        'The relay ended the channel; the peer did not end the session (that would be a sealed terminate). Pair again.',
    })
    this.relayReason = relayReason
  }
}

/** More unacknowledged frames than the protocol allows (256): the peer stopped acknowledging. */
export class SessionOverflowError extends SessionClosedError {
  override name = 'SessionOverflowError'
  constructor() {
    super('overflow', {
      shortMessage: 'The peer left too many frames unacknowledged; the session was ended.',
      details: 'At most 256 messages can wait for an acknowledgement. Pair again.',
    })
  }
}

/**
 * A request got no answer within its timeout. On the relay the wallet is told (a sealed `cancel`) and refuses
 * the request after its deadline; MetaMask's wallet may still act on it.
 */
export class RequestTimeoutError extends DapplinkError {
  override name = 'RequestTimeoutError'
}

/** A request was aborted through its AbortSignal. */
export class RequestAbortedError extends DapplinkError {
  override name = 'RequestAbortedError'
}

/** `wakeUp()` needs a wallet base URL and a way to navigate (a browser, or an injected `navigate`). */
export class WakeUpUnavailableError extends DapplinkError {
  override name = 'WakeUpUnavailableError'
}

/** A relay URL that would carry join tokens in clear (`ws:`/`http:` to a host other than this machine), or no URL at all. */
export class InsecureRelayUrlError extends DapplinkError {
  override name = 'InsecureRelayUrlError'
}

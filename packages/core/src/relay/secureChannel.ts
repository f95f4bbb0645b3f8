import {
  DecryptionError,
  MalformedFrameError,
  OutOfOrderError,
  ProtocolError,
  ReplayError,
  SessionOverflowError,
} from '../errors/relay.js'
import { constantTimeEqual } from './bytes.js'
import {
  type Direction,
  direction as directions,
  frameType,
  gcmTagLength,
  maxSequence,
  maxUnackedFrames,
  replayWindow,
} from './constants.js'
import { encodeFrameHeader, type Frame } from './frame.js'
import { type AesKey, aesGcmOpen, aesGcmSealFrame } from './webCrypto.js'

export type SecureChannelParameters = {
  channelId: Uint8Array
  /** The direction of frames this side seals. */
  direction: Direction
  /** This side's direction key (seals). */
  sendKey: AesKey
  /** The peer's direction key (opens). */
  receiveKey: AesKey
}

/** What `open` made of an authentic frame. */
export type OpenResult =
  | { kind: 'message'; seq: number; plaintext: Uint8Array }
  | { kind: 'duplicate'; seq: number }
  | { kind: 'ack'; ack: number }

/** A sealed DATA frame kept until the peer acknowledges it. */
export type UnackedFrame = { seq: number; frame: Uint8Array }

export type SecureChannel = ReturnType<typeof createSecureChannel>

/**
 * The DATA/ACK layer of docs/protocol.md sections 4.2 and 5: per-direction AES-256-GCM with the header as
 * associated data, strict sequence numbers, one silent drop of an identical re-delivery, and the buffer of
 * unacknowledged frames for re-sending. No I/O: the session engine moves the bytes.
 */
export function createSecureChannel(parameters: SecureChannelParameters) {
  const { channelId, sendKey, receiveKey } = parameters
  const sendDirection = parameters.direction
  let lastSent = 0
  let lastReceived = 0
  let peerAck = 0
  const unacked: UnackedFrame[] = []
  // seq -> GCM tag of an accepted frame and whether an identical copy was already dropped once.
  const window = new Map<number, { tag: Uint8Array; seenAgain: boolean }>()

  const header = (type: number, seq: number) =>
    encodeFrameHeader({ type: type as 16 | 17, direction: sendDirection, channelId, seq, ack: lastReceived })

  return {
    /** The highest DATA seq accepted in order from the peer (what this side acknowledges). */
    get lastReceived() {
      return lastReceived
    },
    /** The highest DATA seq this side has sealed. */
    get lastSent() {
      return lastSent
    },
    /** Sealed DATA frames the peer has not acknowledged yet, in order. */
    get unacked(): readonly UnackedFrame[] {
      return unacked
    },

    /** Seals the next DATA frame; throws `SessionOverflowError` past 256 unacknowledged frames. */
    async seal(plaintext: Uint8Array): Promise<UnackedFrame> {
      if (unacked.length >= maxUnackedFrames || lastSent >= maxSequence) throw new SessionOverflowError()
      const seq = ++lastSent
      const frameHeader = header(frameType.data, seq)
      const frame = await aesGcmSealFrame(sendKey, frameHeader, plaintext)
      const entry = { seq, frame }
      unacked.push(entry)
      return entry
    },

    /**
     * Seals the next DATA frame without committing it, so a sealed `terminate` can be sent synchronously
     * on `pagehide` (WebCrypto is async). `commit` it only while `seq === lastSent + 1`.
     */
    async sealAhead(plaintext: Uint8Array): Promise<UnackedFrame> {
      const seq = lastSent + 1
      const frameHeader = header(frameType.data, seq)
      return { seq, frame: await aesGcmSealFrame(sendKey, frameHeader, plaintext) }
    },

    /** Commits a frame from `sealAhead`; false when another frame took its seq meanwhile. */
    commit(entry: UnackedFrame): boolean {
      if (entry.seq !== lastSent + 1 || unacked.length >= maxUnackedFrames) return false
      lastSent = entry.seq
      unacked.push(entry)
      return true
    },

    /** Seals an ACK frame carrying `lastReceived` (consumes no seq). */
    async sealAck(): Promise<Uint8Array> {
      const frameHeader = header(frameType.ack, lastSent)
      return aesGcmSealFrame(sendKey, frameHeader, new Uint8Array(0))
    },

    /**
     * Opens a decoded DATA or ACK frame. Throws `ReplayError`, `OutOfOrderError`, `DecryptionError`,
     * `ProtocolError` or `MalformedFrameError`; an identical re-delivery of an accepted frame comes back once
     * as `duplicate`.
     */
    async open(frame: Frame): Promise<OpenResult> {
      if (frame.direction === sendDirection)
        throw new MalformedFrameError('The frame has this side’s own direction.')
      if (frame.type === frameType.ack) {
        const opened = await aesGcmOpen(receiveKey, frame.body, frame.header)
        if (opened?.length !== 0)
          throw new DecryptionError('An ACK frame does not verify; it was dropped.', {
            details: tamperedDetails,
          })
        acknowledge(frame.ack)
        return { kind: 'ack', ack: peerAck }
      }
      if (frame.type !== frameType.data)
        throw new MalformedFrameError(`Frame type ${frame.type} is not DATA or ACK.`)
      const { seq } = frame
      const tag = frame.bytes.slice(frame.bytes.length - gcmTagLength)
      if (seq === 0) throw new MalformedFrameError('A DATA frame has seq 0; DATA seqs start at 1.')
      if (seq <= lastReceived) {
        const seen = window.get(seq)
        if (seen && !seen.seenAgain && constantTimeEqual(seen.tag, tag)) {
          seen.seenAgain = true
          return { kind: 'duplicate', seq }
        }
        throw new ReplayError(
          `DATA frame ${seq} was already accepted (last accepted: ${lastReceived}); dropped.`,
          {
            details: seen
              ? 'It was seen again before, or its bytes differ.'
              : 'It is older than the replay window.',
          },
        )
      }
      const plaintext = await aesGcmOpen(receiveKey, frame.body, frame.header)
      if (!plaintext)
        throw new DecryptionError(`DATA frame ${seq} does not verify; it was dropped.`, {
          details: tamperedDetails,
        })
      if (seq !== lastReceived + 1)
        throw new OutOfOrderError(
          `DATA frame ${seq} arrived while ${lastReceived + 1} was expected; dropped.`,
          {
            details: 'The sender re-sends the missing frames.',
          },
        )
      acknowledge(frame.ack)
      lastReceived = seq
      window.set(seq, { tag, seenAgain: false })
      window.delete(seq - replayWindow)
      return { kind: 'message', seq, plaintext }
    },
  }

  function acknowledge(ack: number): void {
    if (ack > lastSent)
      throw new ProtocolError(`The peer acknowledged frame ${ack} but only ${lastSent} were sent; dropped.`)
    if (ack <= peerAck) return
    peerAck = ack
    while (unacked.length > 0 && unacked[0]!.seq <= ack) unacked.shift()
  }
}

/** The direction of frames the other role seals. */
export function peerDirection(own: Direction): Direction {
  return own === directions.dappToWallet ? directions.walletToDapp : directions.dappToWallet
}

const tamperedDetails =
  'Its tag does not match: it was altered on the way or sealed with another key. The session goes on.'

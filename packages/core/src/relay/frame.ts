import {
  FrameTooLargeError,
  FrameVersionError,
  MalformedFrameError,
  UnexpectedFrameError,
} from '../errors/relay.js'
import { concatBytes, constantTimeEqual, readU32, toBytes, u32 } from './bytes.js'
import {
  ackBodyLength,
  channelIdLength,
  type Direction,
  dappDoneBodyLength,
  direction,
  type FrameType,
  frameType,
  gcmTagLength,
  headerLength,
  helloBodyLength,
  ivLength,
  keyBodyLength,
  maxFrameLength,
  protocolVersion,
  walletDoneBodyLength,
} from './constants.js'

/** The 28-byte frame header (docs/protocol.md section 4). */
export type FrameHeader = {
  type: FrameType
  direction: Direction
  channelId: Uint8Array
  seq: number
  ack: number
}

/** A decoded frame: its header, the raw header bytes (the AES-GCM associated data), its body and all its bytes. */
export type Frame = FrameHeader & { header: Uint8Array; body: Uint8Array; bytes: Uint8Array }

const bodyLengths: Partial<Record<FrameType, number>> = {
  [frameType.hello]: helloBodyLength,
  [frameType.key]: keyBodyLength,
  [frameType.ack]: ackBodyLength,
}

/** The fixed body length of a frame type, if it has one; the wallet's DNE carries its reveal too. */
function requiredBodyLength(type: FrameType, sender: Direction): number | undefined {
  if (type === frameType.done)
    return sender === direction.walletToDapp ? walletDoneBodyLength : dappDoneBodyLength
  return bodyLengths[type]
}
const typeNames: Record<FrameType, string> = { 1: 'HELLO', 2: 'KEY', 3: 'DNE', 16: 'DATA', 17: 'ACK' }

/** Encodes a frame header. */
export function encodeFrameHeader(header: FrameHeader): Uint8Array {
  const bytes = new Uint8Array(headerLength)
  bytes[0] = protocolVersion
  bytes[1] = header.type
  bytes[2] = header.direction
  bytes[3] = 0
  bytes.set(header.channelId, 4)
  bytes.set(u32(header.seq), 20)
  bytes.set(u32(header.ack), 24)
  return bytes
}

/** Encodes a frame: header || body. */
export function encodeFrame(header: Uint8Array, body: Uint8Array): Uint8Array {
  return concatBytes(header, body)
}

/** What the receiver expects of every frame: its channel, and the direction of frames sent to it. */
export type DecodeFrameParameters = { channelId: Uint8Array; direction: Direction }

/**
 * Decodes a frame of outside input and checks everything that can be checked before cryptography:
 * binary payload, size, version, type, direction, flags, channel, body length, and `seq = ack = 0` on
 * handshake frames. Throws `UnexpectedFrameError`, `FrameTooLargeError` or `MalformedFrameError` (its subclass
 * `FrameVersionError` for a frame of another protocol version, e.g. from a version 1 peer).
 *
 * @example
 * const frame = decodeFrame(payload.frame, { channelId, direction: direction.walletToDapp })
 */
export function decodeFrame(payload: unknown, expected: DecodeFrameParameters): Frame {
  const bytes = toBytes(payload)
  if (!bytes)
    throw new UnexpectedFrameError(`The relay delivered a ${typeof payload} frame; frames are binary.`, {
      details: 'Plaintext is never accepted; the frame was dropped.',
    })
  if (bytes.length > maxFrameLength)
    throw new FrameTooLargeError(
      `The frame has ${bytes.length} bytes; at most ${maxFrameLength} are accepted.`,
    )
  if (bytes.length < headerLength)
    throw new MalformedFrameError(
      `The frame has ${bytes.length} bytes, fewer than the ${headerLength}-byte header.`,
    )
  if (bytes[0] !== protocolVersion)
    throw new FrameVersionError(
      bytes[0]!,
      expected.direction === direction.walletToDapp ? 'wallet' : 'dapp',
      protocolVersion,
    )
  const type = bytes[1]!
  if (!(type in typeNames)) throw new MalformedFrameError(`The frame has an unknown type ${type}.`)
  const typed = type as FrameType
  if (bytes[2] !== expected.direction)
    throw new MalformedFrameError(
      `The frame has direction ${bytes[2]}; frames to this side have ${expected.direction}.`,
    )
  if (bytes[3] !== 0) throw new MalformedFrameError(`The frame has flags ${bytes[3]}; flags must be 0.`)
  // Views, not copies: `toBytes` made `bytes` this frame's own copy already.
  const channelId = bytes.subarray(4, 4 + channelIdLength)
  if (!constantTimeEqual(channelId, expected.channelId))
    throw new MalformedFrameError('The frame belongs to another channel.')
  const seq = readU32(bytes, 20)
  const ack = readU32(bytes, 24)
  const body = bytes.subarray(headerLength)
  const name = typeNames[typed]
  const required = requiredBodyLength(typed, expected.direction)
  if (required !== undefined && body.length !== required)
    throw new MalformedFrameError(
      `The ${name} frame body has ${body.length} bytes; it must have ${required}.`,
    )
  if (typed === frameType.data && body.length < ivLength + gcmTagLength)
    throw new MalformedFrameError(`The DATA frame body has ${body.length} bytes, fewer than an IV and a tag.`)
  if (typed < frameType.data && (seq !== 0 || ack !== 0))
    throw new MalformedFrameError(
      `The ${name} frame has seq ${seq} and ack ${ack}; handshake frames have 0 and 0.`,
    )
  return {
    type: typed,
    direction: expected.direction,
    channelId,
    seq,
    ack,
    header: bytes.subarray(0, headerLength),
    body,
    bytes,
  }
}

/** The frame type's name, for messages. */
export function frameTypeName(type: FrameType): string {
  return typeNames[type]
}

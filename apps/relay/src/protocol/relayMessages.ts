import { boundChannelId } from './channelBinding.js'

/**
 * Types and input validation of the relay events (docs/protocol.md section 3). Pure functions:
 * every payload a client sends goes through one of the `parse*` functions before it is used.
 */

/** The two members of a channel. */
export type Role = 'dapp' | 'wallet'

export const otherRole = (role: Role): Role => (role === 'dapp' ? 'wallet' : 'dapp')

/** Error codes of docs/protocol.md section 3. */
export type RelayErrorCode =
  | 'bad_request'
  | 'unsupported_version'
  | 'unknown_channel'
  | 'channel_exists'
  | 'unauthorized'
  | 'pairing_used'
  | 'not_member'
  | 'frame_too_large'
  | 'queue_full'
  | 'rate_limited'
  | 'quota_exceeded'
  | 'unavailable'

/** The answer to an event with an acknowledgement callback. */
export type RelayAnswer =
  | ({ ok: true } & Record<string, unknown>)
  /** `peer`: on `pairing_used`, whether the dapp holds its role (section 3). */
  | { ok: false; error: { code: RelayErrorCode; message: string }; peer?: boolean }

export type CreateRequest = {
  channel: string
  dappTokenHash: string
  walletTokenHash: string
  /** Set when the dapp re-creates a paired channel (e.g. after a relay restart): it is created paired. */
  walletSessionTokenHash: string | undefined
}
/** The dapp pairs its channel: from now on only the wallet session token joins as the wallet. */
export type RekeyRequest = { channel: string; walletSessionTokenHash: string }
export type JoinRequest = { channel: string; role: Role; token: string }
/**
 * `frames`: one frame, or a batch (`frames`, packed, at most `maxFramesPerSend`), in order; `frame` is the
 * first. `ack`: a cumulative acknowledgement riding along.
 */
export type SendRequest = { channel: string; frame: Buffer; frames: Buffer[]; ack: number | undefined }
export type AckRequest = { channel: string; id: number }
export type LeaveRequest = { channel: string; close: boolean }

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'bad_request' | 'unsupported_version' | 'frame_too_large'; message: string }

/** Protocol version of `create` and `join`. */
export const protocolVersion = 1

/** Sizes in bytes of the base64url fields. */
export const channelIdBytes = 16
export const tokenBytes = 32
export const tokenHashBytes = 32

const base64UrlAlphabet = /^[A-Za-z0-9_-]*$/

/**
 * Whether `value` is the canonical unpadded base64url encoding of exactly `bytes` bytes
 * (16 bytes → 22 chars, 32 bytes → 43 chars).
 */
export function isBase64UrlOfBytes(value: unknown, bytes: number): value is string {
  if (typeof value !== 'string' || value.length !== Math.ceil((bytes * 4) / 3)) return false
  if (!base64UrlAlphabet.test(value)) return false
  // Node's decoder ignores stray low bits of the last character; re-encoding rejects those aliases.
  return Buffer.from(value, 'base64url').toString('base64url') === value
}

const fail = (code: 'bad_request' | 'unsupported_version' | 'frame_too_large', message: string) =>
  ({ ok: false, code, message }) as const

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)

function checkVersion(payload: Record<string, unknown>): ParseResult<null> {
  const v = payload['v']
  if (v === protocolVersion) return { ok: true, value: null }
  if (typeof v === 'number') {
    return fail(
      'unsupported_version',
      `This relay speaks protocol version 1; the event asked for version ${v}.`,
    )
  }
  return fail('bad_request', 'The payload needs "v": 1 (the protocol version).')
}

function checkChannel(payload: Record<string, unknown>): ParseResult<string> {
  const channel = payload['channel']
  if (isBase64UrlOfBytes(channel, channelIdBytes)) return { ok: true, value: channel }
  return fail('bad_request', '"channel" must be 16 bytes in unpadded base64url (22 characters).')
}

const notObject = (event: string) => fail('bad_request', `The "${event}" payload must be an object.`)

/** Validates a `create` payload: `{ v: 1, channel, dappTokenHash, walletTokenHash, walletSessionTokenHash? }`. */
export function parseCreate(payload: unknown): ParseResult<CreateRequest> {
  if (!isRecord(payload)) return notObject('create')
  const version = checkVersion(payload)
  if (!version.ok) return version
  const channel = checkChannel(payload)
  if (!channel.ok) return channel
  const { dappTokenHash, walletTokenHash, walletSessionTokenHash } = payload
  if (
    !isBase64UrlOfBytes(dappTokenHash, tokenHashBytes) ||
    !isBase64UrlOfBytes(walletTokenHash, tokenHashBytes)
  ) {
    return fail(
      'bad_request',
      '"dappTokenHash" and "walletTokenHash" must each be a SHA-256 hash in unpadded base64url (43 characters).',
    )
  }
  if (walletSessionTokenHash !== undefined && !isBase64UrlOfBytes(walletSessionTokenHash, tokenHashBytes))
    return fail(
      'bad_request',
      '"walletSessionTokenHash", when present, must be a SHA-256 hash in unpadded base64url (43 characters).',
    )
  if (boundChannelId(dappTokenHash) !== channel.value)
    return fail(
      'bad_request',
      'The channel id is not bound to "dappTokenHash": it must be b64u(SHA-256("dapplink/v1/channel" ‖ dapp token hash)[0..16]).',
    )
  return {
    ok: true,
    value: { channel: channel.value, dappTokenHash, walletTokenHash, walletSessionTokenHash },
  }
}

/** Validates a `rekey` payload: `{ channel, walletSessionTokenHash }`. */
export function parseRekey(payload: unknown): ParseResult<RekeyRequest> {
  if (!isRecord(payload)) return notObject('rekey')
  const channel = checkChannel(payload)
  if (!channel.ok) return channel
  const { walletSessionTokenHash } = payload
  if (!isBase64UrlOfBytes(walletSessionTokenHash, tokenHashBytes))
    return fail(
      'bad_request',
      '"walletSessionTokenHash" must be the SHA-256 hash of the wallet session token in unpadded base64url (43 characters).',
    )
  return { ok: true, value: { channel: channel.value, walletSessionTokenHash } }
}

/** Validates a `join` payload: `{ v: 1, channel, role, token }`. */
export function parseJoin(payload: unknown): ParseResult<JoinRequest> {
  if (!isRecord(payload)) return notObject('join')
  const version = checkVersion(payload)
  if (!version.ok) return version
  const channel = checkChannel(payload)
  if (!channel.ok) return channel
  const { role, token } = payload
  if (role !== 'dapp' && role !== 'wallet') return fail('bad_request', '"role" must be "dapp" or "wallet".')
  if (!isBase64UrlOfBytes(token, tokenBytes)) {
    return fail('bad_request', '"token" must be 32 bytes in unpadded base64url (43 characters).')
  }
  return { ok: true, value: { channel: channel.value, role, token } }
}

/** The most frames one `send` may carry (`frames`, packed); the relay tells clients in its `join` answer. */
export const maxFramesPerSend = 64

/**
 * Validates a `send` payload: `{ channel, frame }` with a binary frame of 1..`maxFrameBytes` bytes, or
 * `{ channel, frames }` with 1..`maxFramesPerSend` of them packed in one binary (`unpackFrames`); either may carry `ack`, a cumulative
 * acknowledgement of the caller's own queue (as the `ack` event).
 */
export function parseSend(payload: unknown, maxFrameBytes: number): ParseResult<SendRequest> {
  if (!isRecord(payload)) return notObject('send')
  const channel = checkChannel(payload)
  if (!channel.ok) return channel
  const { frame, frames, ack } = payload
  if (ack !== undefined && (typeof ack !== 'number' || !Number.isSafeInteger(ack) || ack < 1))
    return fail('bad_request', '"ack" must be the positive integer id of a received frame.')
  let list: unknown[]
  if (frames === undefined) list = [frame]
  else if (frame !== undefined) return fail('bad_request', 'Send either "frame" or "frames", not both.')
  else {
    const unpacked = frames instanceof Uint8Array ? unpackFrames(frames) : undefined
    if (!unpacked || unpacked.length === 0 || unpacked.length > maxFramesPerSend)
      return fail(
        'bad_request',
        `"frames" must be 1 to ${maxFramesPerSend} frames, each as a u32 big-endian length then its bytes.`,
      )
    list = unpacked
  }
  const buffers: Buffer[] = []
  for (const item of list) {
    const checked = checkFrame(item, maxFrameBytes, frames !== undefined)
    if (!checked.ok) return checked
    buffers.push(checked.value)
  }
  const [first] = buffers as [Buffer, ...Buffer[]]
  return {
    ok: true,
    value: { channel: channel.value, frame: first, frames: buffers, ack: ack as number | undefined },
  }
}

/**
 * Splits a packed batch: one binary of `u32 length || frame` repeated (one binary, since socket.io
 * refuses packets of more than 10 binary attachments). Undefined when the lengths do not add up.
 */
export function unpackFrames(packed: Uint8Array): Uint8Array[] | undefined {
  const frames: Uint8Array[] = []
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength)
  for (let offset = 0; offset < packed.byteLength; ) {
    if (offset + 4 > packed.byteLength || frames.length >= maxFramesPerSend) return undefined
    const length = view.getUint32(offset)
    offset += 4
    if (offset + length > packed.byteLength) return undefined
    frames.push(packed.subarray(offset, offset + length))
    offset += length
  }
  return frames
}

// `copy`: a frame cut out of a packed batch is copied, so the store keeps it and not the whole packet.
function checkFrame(frame: unknown, maxFrameBytes: number, copy: boolean): ParseResult<Buffer> {
  if (!(frame instanceof Uint8Array)) {
    return fail('bad_request', '"frame" must be binary (a Uint8Array on the client).')
  }
  if (frame.byteLength === 0) return fail('bad_request', '"frame" is empty.')
  if (frame.byteLength > maxFrameBytes) {
    return fail(
      'frame_too_large',
      `The frame has ${frame.byteLength} bytes; this relay accepts at most ${maxFrameBytes} bytes per frame.`,
    )
  }
  if (copy) return { ok: true, value: Buffer.from(frame) }
  const buffer = Buffer.isBuffer(frame)
    ? frame
    : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength)
  return { ok: true, value: buffer }
}

/** Validates an `ack` payload: `{ channel, id }` with a positive integer id. */
export function parseAck(payload: unknown): ParseResult<AckRequest> {
  if (!isRecord(payload)) return notObject('ack')
  const channel = checkChannel(payload)
  if (!channel.ok) return channel
  const id = payload['id']
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) {
    return fail('bad_request', '"id" must be the positive integer id of a received frame.')
  }
  return { ok: true, value: { channel: channel.value, id } }
}

/** Validates a `leave` payload: `{ channel, close? }`. */
export function parseLeave(payload: unknown): ParseResult<LeaveRequest> {
  if (!isRecord(payload)) return notObject('leave')
  const channel = checkChannel(payload)
  if (!channel.ok) return channel
  const close = payload['close']
  if (close !== undefined && typeof close !== 'boolean')
    return fail('bad_request', '"close" must be a boolean.')
  return { ok: true, value: { channel: channel.value, close: close === true } }
}

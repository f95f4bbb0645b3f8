import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DapplinkError } from '../errors/base.js'
import {
  FrameTooLargeError,
  FrameVersionError,
  MalformedFrameError,
  UnexpectedFrameError,
} from '../errors/relay.js'
import {
  dappDoneBodyLength,
  direction,
  frameType,
  headerLength,
  helloBodyLength,
  maxFrameLength,
  walletDoneBodyLength,
} from './constants.js'
import { decodeFrame, encodeFrame, encodeFrameHeader } from './frame.js'

const channelId = Uint8Array.from({ length: 16 }, (_, index) => index + 1)
const toDapp = { channelId, direction: direction.walletToDapp }

describe('encodeFrameHeader', () => {
  it('writes the 28-byte layout of section 4 (known answer)', () => {
    const header = encodeFrameHeader({
      type: frameType.data,
      direction: direction.walletToDapp,
      channelId,
      seq: 0x01020304,
      ack: 0xfffffffe,
    })
    expect(Buffer.from(header).toString('hex')).toBe(
      '02100100' + '0102030405060708090a0b0c0d0e0f10' + '01020304' + 'fffffffe',
    )
  })
})

describe('decodeFrame', () => {
  const data = (seq: number, ack: number, body = new Uint8Array(40)) =>
    encodeFrame(
      encodeFrameHeader({ type: frameType.data, direction: direction.walletToDapp, channelId, seq, ack }),
      body,
    )

  it('round-trips every field and copies the bytes', () => {
    const bytes = data(7, 3)
    const frame = decodeFrame(Buffer.from(bytes), toDapp)
    expect(frame).toMatchObject({ type: frameType.data, direction: 1, seq: 7, ack: 3 })
    expect(frame.header).toEqual(bytes.subarray(0, headerLength))
    expect(frame.body).toHaveLength(40)
    expect(frame.bytes).toEqual(bytes)
  })

  it('accepts an ArrayBuffer (browser socket.io)', () => {
    const bytes = data(1, 0)
    expect(decodeFrame(bytes.buffer.slice(0), toDapp).seq).toBe(1)
  })

  it.each([
    ['a string (plaintext)', 'hello', UnexpectedFrameError],
    ['a JSON object', { seq: 1 }, UnexpectedFrameError],
    ['nothing', undefined, UnexpectedFrameError],
    ['too short', new Uint8Array(27), MalformedFrameError],
    ['too large', new Uint8Array(maxFrameLength + 1), FrameTooLargeError],
  ])('rejects %s', (_, payload, ErrorClass) => {
    expect(() => decodeFrame(payload, toDapp)).toThrow(ErrorClass)
  })

  it.each([
    ['version', 0, 3],
    ['type', 1, 9],
    ['direction', 2, 0],
    ['flags', 3, 1],
    ['channel', 4, 0xff],
  ])('rejects a wrong %s', (_, offset, value) => {
    const bytes = data(1, 0)
    bytes[offset] = value
    expect(() => decodeFrame(bytes, toDapp)).toThrow(MalformedFrameError)
  })

  it.each([
    [
      'a version 1 wallet (older)',
      direction.walletToDapp,
      frameType.hello,
      1,
      /The wallet runs an older dapplink protocol \(version 1\); this dapp speaks version 2\./,
    ],
    [
      'a version 1 dapp (older)',
      direction.dappToWallet,
      frameType.key,
      1,
      /The dapp runs an older dapplink protocol \(version 1\); this wallet speaks version 2\./,
    ],
    [
      'a version 3 wallet (newer)',
      direction.walletToDapp,
      frameType.hello,
      3,
      /The wallet speaks dapplink protocol version 3; this dapp speaks version 2\./,
    ],
  ])('refuses a handshake frame of %s with FrameVersionError', (_, to, type, version, message) => {
    const header = encodeFrameHeader({ type, direction: to, channelId, seq: 0, ack: 0 })
    const bytes = encodeFrame(header, new Uint8Array(type === frameType.hello ? helloBodyLength : 163))
    bytes[0] = version
    const refuse = () => decodeFrame(bytes, { channelId, direction: to })
    expect(refuse).toThrow(FrameVersionError)
    expect(refuse).toThrow(MalformedFrameError)
    expect(refuse).toThrow(message)
  })

  it("checks a DNE's body length by its sender: the wallet's carries its 32-byte reveal", () => {
    const done = (from: 0 | 1, length: number) =>
      encodeFrame(
        encodeFrameHeader({ type: frameType.done, direction: from, channelId, seq: 0, ack: 0 }),
        new Uint8Array(length),
      )
    const toWallet = { channelId, direction: direction.dappToWallet }
    expect(walletDoneBodyLength).toBe(dappDoneBodyLength + 32)
    expect(decodeFrame(done(1, walletDoneBodyLength), toDapp).body).toHaveLength(walletDoneBodyLength)
    expect(decodeFrame(done(0, dappDoneBodyLength), toWallet).body).toHaveLength(dappDoneBodyLength)
    expect(() => decodeFrame(done(1, dappDoneBodyLength), toDapp)).toThrow(/must have 92/)
    expect(() => decodeFrame(done(0, walletDoneBodyLength), toWallet)).toThrow(/must have 60/)
  })

  it('rejects a handshake frame with the wrong body length or a non-zero seq', () => {
    const header = encodeFrameHeader({ type: frameType.hello, direction: 1, channelId, seq: 0, ack: 0 })
    expect(decodeFrame(encodeFrame(header, new Uint8Array(helloBodyLength)), toDapp).type).toBe(
      frameType.hello,
    )
    expect(() => decodeFrame(encodeFrame(header, new Uint8Array(helloBodyLength - 1)), toDapp)).toThrow(
      /must have 228/,
    )
    const withSeq = encodeFrameHeader({ type: frameType.hello, direction: 1, channelId, seq: 1, ack: 0 })
    expect(() => decodeFrame(encodeFrame(withSeq, new Uint8Array(helloBodyLength)), toDapp)).toThrow(/seq 1/)
  })

  it('rejects a DATA body shorter than an IV and a tag', () => {
    expect(() => decodeFrame(data(1, 0, new Uint8Array(27)), toDapp)).toThrow(MalformedFrameError)
  })

  it('property: random bytes never crash the decoder; anything it accepts re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          const frame = decodeFrame(bytes, toDapp)
          expect(encodeFrame(frame.header, frame.body)).toEqual(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(DapplinkError)
        }
      }),
      { numRuns: 2_000 },
    )
  })

  it('property: a valid frame with any single header byte changed is rejected or decodes to what the bytes say', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: headerLength - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (offset, delta) => {
          const bytes = data(5, 2)
          bytes[offset] = (bytes[offset]! + delta) & 0xff
          try {
            const frame = decodeFrame(bytes, toDapp)
            // Only seq, ack (and a type change DATA -> ACK... which has a fixed length, so rejected) may differ.
            expect(offset).toBeGreaterThanOrEqual(20)
            expect(encodeFrame(frame.header, frame.body)).toEqual(bytes)
          } catch (error) {
            expect(error).toBeInstanceOf(DapplinkError)
          }
        },
      ),
      { numRuns: 1_000 },
    )
  })
})

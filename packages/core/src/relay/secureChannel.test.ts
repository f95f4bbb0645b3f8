import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DapplinkError } from '../errors/base.js'
import {
  DecryptionError,
  OutOfOrderError,
  ProtocolError,
  ReplayError,
  SessionOverflowError,
} from '../errors/relay.js'
import { utf8 } from './bytes.js'
import { direction, frameType } from './constants.js'
import { decodeFrame, encodeFrame, encodeFrameHeader } from './frame.js'
import { createSecureChannel } from './secureChannel.js'
import { aesGcmSeal, importAesKey } from './webCrypto.js'

const channelId = new Uint8Array(16).fill(3)

async function pair() {
  const dappKey = await importAesKey(new Uint8Array(32).fill(1))
  const walletKey = await importAesKey(new Uint8Array(32).fill(2))
  const dapp = createSecureChannel({
    channelId,
    direction: direction.dappToWallet,
    sendKey: dappKey,
    receiveKey: walletKey,
  })
  const wallet = createSecureChannel({
    channelId,
    direction: direction.walletToDapp,
    sendKey: walletKey,
    receiveKey: dappKey,
  })
  const toWallet = (bytes: Uint8Array) => decodeFrame(bytes, { channelId, direction: direction.dappToWallet })
  const toDapp = (bytes: Uint8Array) => decodeFrame(bytes, { channelId, direction: direction.walletToDapp })
  return { dapp, wallet, toWallet, toDapp, dappKey }
}

describe('createSecureChannel', () => {
  it('seals with the header as associated data (known answer with a fixed IV)', async () => {
    const key = await importAesKey(new Uint8Array(32).fill(1))
    const header = encodeFrameHeader({ type: frameType.data, direction: 0, channelId, seq: 1, ack: 0 })
    const body = await aesGcmSeal(key, utf8('hi'), header, new Uint8Array(12))
    const { createCipheriv } = await import('node:crypto')
    const cipher = createCipheriv('aes-256-gcm', new Uint8Array(32).fill(1), new Uint8Array(12))
    cipher.setAAD(header)
    const expected = Buffer.concat([
      new Uint8Array(12),
      cipher.update('hi'),
      cipher.final(),
      cipher.getAuthTag(),
    ])
    expect(Buffer.from(body).toString('hex')).toBe(expected.toString('hex'))
  })

  it('delivers in order, drops one identical re-delivery silently, then rejects replays', async () => {
    const { dapp, wallet, toWallet } = await pair()
    const first = await dapp.seal(utf8('one'))
    const second = await dapp.seal(utf8('two'))
    expect([first.seq, second.seq]).toEqual([1, 2])
    expect(await wallet.open(toWallet(first.frame))).toMatchObject({ kind: 'message', seq: 1 })
    expect(await wallet.open(toWallet(second.frame))).toMatchObject({ kind: 'message', seq: 2 })
    expect(await wallet.open(toWallet(first.frame))).toEqual({ kind: 'duplicate', seq: 1 })
    await expect(wallet.open(toWallet(first.frame))).rejects.toThrow(ReplayError)
    expect(wallet.lastReceived).toBe(2)
  })

  it('rejects a gap (OutOfOrderError) and accepts the frames once the gap is re-sent', async () => {
    const { dapp, wallet, toWallet } = await pair()
    const first = await dapp.seal(utf8('one'))
    const second = await dapp.seal(utf8('two'))
    await expect(wallet.open(toWallet(second.frame))).rejects.toThrow(OutOfOrderError)
    expect((await wallet.open(toWallet(first.frame))).kind).toBe('message')
    expect((await wallet.open(toWallet(second.frame))).kind).toBe('message')
  })

  it('rejects a different frame with an accepted seq as a replay, and a tampered frame as a decryption error', async () => {
    const { dapp, wallet, toWallet } = await pair()
    const first = await dapp.seal(utf8('one'))
    await wallet.open(toWallet(first.frame))
    const tampered = first.frame.slice()
    tampered[tampered.length - 1]! ^= 1
    await expect(wallet.open(toWallet(tampered))).rejects.toThrow(ReplayError)
    const next = await dapp.seal(utf8('two'))
    const flipped = next.frame.slice()
    flipped[40]! ^= 0x10
    await expect(wallet.open(toWallet(flipped))).rejects.toThrow(DecryptionError)
    expect((await wallet.open(toWallet(next.frame))).kind).toBe('message')
  })

  it('frees sent frames when acknowledged (piggybacked or ACK), and rejects an ack of unsent frames', async () => {
    const { dapp, wallet, toWallet, toDapp } = await pair()
    for (const text of ['a', 'b', 'c']) await wallet.open(toWallet((await dapp.seal(utf8(text))).frame))
    expect(dapp.unacked.map((entry) => entry.seq)).toEqual([1, 2, 3])
    const reply = await wallet.seal(utf8('reply'))
    expect(decodeFrame(reply.frame, { channelId, direction: 1 }).ack).toBe(3)
    await dapp.open(toDapp(reply.frame))
    expect(dapp.unacked).toEqual([])
    const ack = await dapp.sealAck()
    expect(await wallet.open(toWallet(ack))).toEqual({ kind: 'ack', ack: 1 })
    expect(wallet.unacked).toEqual([])
    // A forged ACK (header changed by the relay) does not verify.
    const forged = ack.slice()
    forged[27] = 99
    await expect(wallet.open(toWallet(forged))).rejects.toThrow(DecryptionError)
  })

  it('rejects an authentic ACK that acknowledges more than was sent', async () => {
    const dappKey = await importAesKey(new Uint8Array(32).fill(1))
    const walletKey = await importAesKey(new Uint8Array(32).fill(2))
    const wallet = createSecureChannel({ channelId, direction: 1, sendKey: walletKey, receiveKey: dappKey })
    const header = encodeFrameHeader({ type: frameType.ack, direction: 0, channelId, seq: 0, ack: 5 })
    const ack = encodeFrame(header, await aesGcmSeal(dappKey, new Uint8Array(0), header))
    await expect(wallet.open(decodeFrame(ack, { channelId, direction: 0 }))).rejects.toThrow(ProtocolError)
  })

  it('ends with SessionOverflowError past 256 unacknowledged frames', async () => {
    const { dapp } = await pair()
    for (let index = 0; index < 256; index++) await dapp.seal(new Uint8Array(0))
    await expect(dapp.seal(new Uint8Array(0))).rejects.toThrow(SessionOverflowError)
  })

  it('rejects frames older than the replay window', async () => {
    const { dapp, wallet, toWallet } = await pair()
    const frames: Uint8Array[] = []
    for (let index = 0; index < 130; index++) {
      const sealed = await dapp.seal(new Uint8Array(0))
      frames.push(sealed.frame)
      await wallet.open(toWallet(sealed.frame))
      if (index % 100 === 99)
        await dapp.open(decodeFrame(await wallet.sealAck(), { channelId, direction: 1 }))
    }
    await expect(wallet.open(toWallet(frames[0]!))).rejects.toThrow(/older than the replay window/)
    expect(await wallet.open(toWallet(frames[129]!))).toMatchObject({ kind: 'duplicate' })
  })

  it('property: mutated valid frames and random bytes are never accepted; errors are typed', async () => {
    const { dapp, wallet, toWallet } = await pair()
    const sealed = await dapp.seal(utf8('{"jsonrpc":"2.0","id":1,"method":"connect"}'))
    const ack = await dapp.sealAck()
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            base: fc.constantFrom(sealed.frame, ack),
            position: fc.nat(),
            bit: fc.integer({ min: 0, max: 7 }),
          }),
          fc.uint8Array({ maxLength: 200 }),
        ),
        async (input) => {
          let bytes: Uint8Array
          if (input instanceof Uint8Array) bytes = input
          else {
            bytes = input.base.slice()
            bytes[input.position % bytes.length]! ^= 1 << input.bit
          }
          try {
            const result = await wallet.open(toWallet(bytes))
            // A flipped bit in the ack field of a header is covered by the tag, so nothing may pass.
            expect(result).toBeUndefined()
          } catch (error) {
            expect(error).toBeInstanceOf(DapplinkError)
          }
        },
      ),
      { numRuns: 500 },
    )
    // The honest frame still goes through afterwards.
    expect((await wallet.open(toWallet(sealed.frame))).kind).toBe('message')
  })
})

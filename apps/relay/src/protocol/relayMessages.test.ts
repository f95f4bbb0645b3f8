import { createHash, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boundChannelId } from './channelBinding.js'
import {
  isBase64UrlOfBytes,
  parseAck,
  parseCreate,
  parseJoin,
  parseLeave,
  parseRekey,
  parseSend,
} from './relayMessages.js'

const b64u = (bytes: number) => randomBytes(bytes).toString('base64url')
const hash = () => createHash('sha256').update(randomBytes(32)).digest('base64url')

describe('isBase64UrlOfBytes', () => {
  it('accepts the canonical encoding of the right length only', () => {
    expect(isBase64UrlOfBytes(b64u(16), 16)).toBe(true)
    expect(isBase64UrlOfBytes(b64u(32), 32)).toBe(true)
    expect(isBase64UrlOfBytes(b64u(32), 16)).toBe(false)
    expect(isBase64UrlOfBytes(`${b64u(16)}=`, 16)).toBe(false)
    expect(isBase64UrlOfBytes(Buffer.alloc(16, 0xff).toString('base64'), 16)).toBe(false) // '/' and '+'
    expect(isBase64UrlOfBytes('AAAAAAAAAAAAAAAAAAAAAB', 16)).toBe(false) // stray bits in the last char
    expect(isBase64UrlOfBytes('AAAAAAAAAAAAAAAAAAAAAA', 16)).toBe(true)
    expect(isBase64UrlOfBytes(1234, 16)).toBe(false)
  })

  it('agrees with a decode/encode round trip on random strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 20, maxLength: 24 }), (value) => {
        const expected =
          value.length === 22 && Buffer.from(value, 'base64url').toString('base64url') === value
        expect(isBase64UrlOfBytes(value, 16)).toBe(expected && /^[\w-]+$/.test(value))
      }),
    )
  })
})

describe('parse*', () => {
  const channel = b64u(16)

  it('accepts well-formed payloads and ignores unknown fields', () => {
    const dappTokenHash = hash()
    const bound = boundChannelId(dappTokenHash)
    const create = { v: 1, channel: bound, dappTokenHash, walletTokenHash: hash(), extra: 'x' }
    expect(parseCreate(create)).toEqual({
      ok: true,
      value: { channel: bound, dappTokenHash, walletTokenHash: create.walletTokenHash },
    })
    // A channel id not derived from the dapp token hash is refused.
    expect(parseCreate({ ...create, channel })).toMatchObject({ ok: false, code: 'bad_request' })
    const token = b64u(32)
    expect(parseJoin({ v: 1, channel, role: 'wallet', token })).toEqual({
      ok: true,
      value: { channel, role: 'wallet', token },
    })
    const sent = parseSend({ channel, frame: new Uint8Array([1, 2, 3]) }, 10)
    expect(sent.ok && Buffer.isBuffer(sent.value.frame) && [...sent.value.frame]).toEqual([1, 2, 3])
    expect(parseAck({ channel, id: 7 })).toEqual({ ok: true, value: { channel, id: 7 } })
    expect(parseLeave({ channel })).toEqual({ ok: true, value: { channel, close: false } })
    expect(parseLeave({ channel, close: true })).toEqual({ ok: true, value: { channel, close: true } })
  })

  it('reads the wallet session token hash of create and rekey, and refuses a malformed one', () => {
    const dappTokenHash = hash()
    const create = { v: 1, channel: boundChannelId(dappTokenHash), dappTokenHash, walletTokenHash: hash() }
    const walletSessionTokenHash = hash()
    expect(parseCreate({ ...create, walletSessionTokenHash })).toEqual({
      ok: true,
      value: { ...create, v: undefined, walletSessionTokenHash },
    })
    expect(parseCreate({ ...create, walletSessionTokenHash: 'short' })).toMatchObject({
      ok: false,
      code: 'bad_request',
    })
    expect(parseRekey({ channel, walletSessionTokenHash })).toEqual({
      ok: true,
      value: { channel, walletSessionTokenHash },
    })
    const refused = parseRekey({ channel, walletSessionTokenHash: b64u(16) })
    expect(refused).toMatchObject({ ok: false, code: 'bad_request' })
    expect(!refused.ok && refused.message).toContain('walletSessionTokenHash')
    expect(parseRekey({ walletSessionTokenHash })).toMatchObject({ ok: false, code: 'bad_request' })
  })

  it('tells an unknown version from a malformed one', () => {
    const create = { channel, dappTokenHash: hash(), walletTokenHash: hash() }
    expect(parseCreate({ ...create, v: 2 })).toMatchObject({ ok: false, code: 'unsupported_version' })
    expect(parseCreate({ ...create, v: '1' })).toMatchObject({ ok: false, code: 'bad_request' })
    expect(parseCreate(create)).toMatchObject({ ok: false, code: 'bad_request' })
  })

  it('refuses frames by size with a message that names the limit', () => {
    const result = parseSend({ channel, frame: new Uint8Array(11) }, 10)
    expect(result).toMatchObject({ ok: false, code: 'frame_too_large' })
    expect(!result.ok && result.message).toContain('at most 10 bytes')
    expect(parseSend({ channel, frame: new Uint8Array(0) }, 10)).toMatchObject({
      ok: false,
      code: 'bad_request',
    })
    expect(parseSend({ channel, frame: [1, 2] }, 10)).toMatchObject({ ok: false, code: 'bad_request' })
  })

  it('never throw and never accept garbage (property)', () => {
    const parsers = [
      parseCreate,
      parseJoin,
      (p: unknown) => parseSend(p, 1_000),
      parseAck,
      parseLeave,
      parseRekey,
    ]
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        for (const parse of parsers) {
          const result = parse(payload)
          // A random value is never a valid payload: each needs a 22-char canonical channel id.
          expect(result.ok).toBe(false)
          if (!result.ok) expect(result.message.length).toBeGreaterThan(10)
        }
      }),
      { numRuns: 500 },
    )
  })
})

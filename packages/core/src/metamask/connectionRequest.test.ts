import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEciesKeyPair } from '../crypto/ecies.js'
import { DapplinkError } from '../errors/base.js'
import { InvalidConnectionRequestError } from '../errors/metamask.js'
import { createConnectionRequest, validateConnectionRequest } from './connectionRequest.js'

const now = 1_800_000_000_000
const publicKey = createEciesKeyPair().publicKey
const dapp = { name: 'Test dapp', url: 'https://dapp.example', iconUrl: 'https://dapp.example/icon.png' }

describe('createConnectionRequest', () => {
  it('writes the request MetaMask Mobile expects, trusted by default, expiring in 60 s', () => {
    const request = createConnectionRequest({ publicKey, dapp, now })
    const { id } = request.sessionRequest
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(request).toEqual({
      sessionRequest: {
        id,
        mode: 'trusted',
        channel: `handshake:${id}`,
        publicKeyB64: Buffer.from(publicKey).toString('base64'),
        expiresAt: now + 60_000,
      },
      metadata: { dapp, sdk: { version: '0.0.0', platform: 'dapplink' } },
    })
  })

  it('makes untrusted requests on demand, and a fresh id each time', () => {
    const first = createConnectionRequest({ publicKey, dapp, now, mode: 'untrusted' })
    const second = createConnectionRequest({ publicKey, dapp, now })
    expect(first.sessionRequest.mode).toBe('untrusted')
    expect(first.sessionRequest.id).not.toBe(second.sessionRequest.id)
  })
})

describe('validateConnectionRequest', () => {
  const valid = createConnectionRequest({ publicKey, dapp, now })
  const withSession = (patch: Record<string, unknown>) => ({
    ...valid,
    sessionRequest: { ...valid.sessionRequest, ...patch },
  })
  const withDapp = (patch: Record<string, unknown>) => ({
    ...valid,
    metadata: { ...valid.metadata, dapp: { ...valid.metadata.dapp, ...patch } },
  })
  const cases: [string, unknown, RegExp][] = [
    ['not an object', 'text', /no sessionRequest/],
    ['id not a UUID', withSession({ id: 'abc', channel: 'handshake:abc' }), /not a UUID/],
    ['wrong channel', withSession({ channel: 'session:x' }), /handshake:<id>/],
    ['unknown mode', withSession({ mode: 'open' }), /neither/],
    ['a 65-byte key', withSession({ publicKeyB64: Buffer.alloc(65, 4).toString('base64') }), /33-byte/],
    [
      'a key off the curve',
      withSession({ publicKeyB64: Buffer.from([2, ...Array(32).fill(0xff)]).toString('base64') }),
      /33-byte/,
    ],
    ['expired', withSession({ expiresAt: now }), /expired/],
    ['a name of 257 characters', withDapp({ name: 'x'.repeat(257) }), /257 characters/],
    ['a javascript: URL', withDapp({ url: 'javascript:alert(1)' }), /http\(s\)/],
    ['oversized', withDapp({ iconUrl: `https://dapp.example/${'a'.repeat(5000)}` }), /at most 4096/],
  ]
  it.each(cases)('refuses %s', (_, input, message) => {
    expect(() => validateConnectionRequest(input, now)).toThrow(InvalidConnectionRequestError)
    expect(() => validateConnectionRequest(input, now)).toThrow(message)
  })

  it('throws only typed errors for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        try {
          validateConnectionRequest(input, now)
        } catch (error) {
          expect(error).toBeInstanceOf(DapplinkError)
        }
      }),
    )
  })
})

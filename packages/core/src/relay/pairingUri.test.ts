import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DapplinkError } from '../errors/base.js'
import { InvalidPairingUriError, PairingUriVersionError } from '../errors/relay.js'
import { encodeBase64Url } from './base64url.js'
import { createEciesKeyPair } from './handshake.js'
import { buildPairingUri, parsePairingUri } from './pairingUri.js'
import { buildWakeUpLink, buildWalletLink } from './walletLink.js'

const parameters = {
  relayUrl: 'wss://relay.example/socket',
  channelId: new Uint8Array(16).fill(1),
  dappPublicKey: createEciesKeyPair(new Uint8Array(32).fill(1)).publicKey,
  secret: new Uint8Array(32).fill(2),
  name: 'My dapp & co',
  url: 'https://dapp.example',
}

// 0x02 || 32 bytes of 0x03: no secp256k1 point has this x coordinate.
const offCurve = new Uint8Array(33).fill(3)
offCurve[0] = 2

describe('pairing URI', () => {
  it('round-trips and has the section 2 shape', () => {
    const uri = buildPairingUri(parameters)
    expect(uri).toMatch(
      /^dapplink:pair\?v=2&relay=wss%3A%2F%2Frelay\.example%2Fsocket&channel=AQEBAQEBAQEBAQEBAQEBAQ&key=/,
    )
    expect(uri).toContain('name=My%20dapp%20%26%20co')
    expect(parsePairingUri(uri)).toEqual(parameters)
  })

  it.each([
    ['another scheme', (uri: string) => uri.replace('dapplink:', 'other:'), /not a dapplink pairing URI/],
    ['an unknown version', (uri: string) => uri.replace('v=2', 'v=3'), /version 3/],
    [
      'a version 1 URI (an older dapp)',
      (uri: string) => uri.replace('v=2', 'v=1'),
      /^The dapp runs an older dapplink protocol \(version 1\); this wallet speaks version 2\./,
    ],
    ['a missing secret', (uri: string) => uri.replace(/&secret=[^&]+/, ''), /no "secret"/],
    [
      'a short secret',
      (uri: string) => uri.replace(/secret=[^&]+/, `secret=${encodeBase64Url(new Uint8Array(31))}`),
      /31 bytes/,
    ],
    [
      'a key off the curve',
      (uri: string) => uri.replace(/key=[^&]+/, `key=${encodeBase64Url(offCurve)}`),
      /secp256k1/,
    ],
    [
      'an uncompressed-looking key',
      (uri: string) => uri.replace(/key=[^&]+/, `key=${encodeBase64Url(new Uint8Array(33).fill(4))}`),
      /secp256k1/,
    ],
    ['a repeated parameter', (uri: string) => `${uri}&v=2`, /repeats/],
    ['a bad relay URL', (uri: string) => uri.replace(/relay=[^&]+/, 'relay=ftp%3A%2F%2Fx'), /ftp/],
    [
      'padded base64',
      (uri: string) => uri.replace(/channel=[^&]+/, 'channel=AQEBAQEBAQEBAQEBAQEBAQ%3D%3D'),
      /base64url/,
    ],
  ])('rejects %s', (_, mutate, message) => {
    expect(() => parsePairingUri(mutate(buildPairingUri(parameters)))).toThrow(message)
    expect(() => parsePairingUri(mutate(buildPairingUri(parameters)))).toThrow(InvalidPairingUriError)
  })

  it('refuses another version with PairingUriVersionError, an InvalidPairingUriError', () => {
    const v1 = buildPairingUri(parameters).replace('v=2', 'v=1')
    let error: unknown
    try {
      parsePairingUri(v1)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(PairingUriVersionError)
    expect(error).toBeInstanceOf(InvalidPairingUriError)
    expect(error).toMatchObject({ uriVersion: '1', details: expect.stringMatching(/update the dapp/) })
  })

  it('builds wallet and wake-up links with the secret in the fragment only', () => {
    const uri = buildPairingUri(parameters)
    const link = buildWalletLink('https://wallet.example/dl/', uri)
    expect(new URL(link).pathname).toBe('/dl/pair')
    expect(decodeURIComponent(new URL(link).hash.slice('#uri='.length))).toBe(uri)
    expect(buildWakeUpLink('https://wallet.example/dl/', parameters.channelId)).toBe(
      'https://wallet.example/dl/relay#channel=AQEBAQEBAQEBAQEBAQEBAQ',
    )
  })

  it('property: arbitrary strings and mutated URIs throw InvalidPairingUriError or parse consistently', () => {
    const uri = buildPairingUri(parameters)
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc
            .record({ position: fc.nat(), character: fc.string({ minLength: 1, maxLength: 1 }) })
            .map(
              ({ position, character }) =>
                uri.slice(0, position % uri.length) + character + uri.slice((position % uri.length) + 1),
            ),
        ),
        (text) => {
          try {
            const parsed = parsePairingUri(text)
            expect(parsed.secret).toHaveLength(32)
            expect(parsed.channelId).toHaveLength(16)
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidPairingUriError)
            expect(error).toBeInstanceOf(DapplinkError)
          }
        },
      ),
      { numRuns: 1_000 },
    )
  })
})

describe('relay URL transport security', () => {
  const base = {
    channelId: new Uint8Array(16),
    dappPublicKey: Uint8Array.from(
      Buffer.from(`02${'79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798'}`, 'hex'),
    ),
    secret: new Uint8Array(32).fill(1),
  }

  it.each(['ws://relay.example', 'http://relay.example:8787', 'http://192.168.1.20:8787'])(
    'a wallet refuses the clear-text remote relay %s (its join token would travel in clear)',
    (relayUrl) => {
      expect(() => parsePairingUri(buildPairingUri({ ...base, relayUrl }))).toThrow(InvalidPairingUriError)
      expect(() => parsePairingUri(buildPairingUri({ ...base, relayUrl }))).toThrow(/wss:|https:/)
    },
  )

  it.each([
    'wss://relay.example',
    'https://relay.example',
    'ws://localhost:8787',
    'http://127.0.0.1:1',
    'ws://[::1]:9',
    'http://app.localhost:3',
  ])('accepts %s', (relayUrl) => {
    expect(parsePairingUri(buildPairingUri({ ...base, relayUrl })).relayUrl).toBe(relayUrl)
  })
})

import {
  buildPairingUri,
  buildWalletLink,
  createEciesKeyPair,
  InvalidPairingUriError,
  PairingUriVersionError,
} from '@dapplink/core/relay'
import { describe, expect, it } from 'vitest'
import { parsePairingLink } from './parsePairingLink.js'

const pairingUri = buildPairingUri({
  relayUrl: 'wss://relay.example',
  channelId: new Uint8Array(16).fill(1),
  dappPublicKey: createEciesKeyPair().publicKey,
  secret: new Uint8Array(32).fill(2),
  name: 'A dapp & co',
})
const base = 'https://wallet.example/ul/v1/'

const failure = (link: string) => {
  try {
    parsePairingLink(link)
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPairingUriError)
    return (error as InvalidPairingUriError).shortMessage
  }
  throw new Error('parsePairingLink accepted a broken link')
}

describe('parsePairingLink', () => {
  it('returns the pairing URI of a link built by buildWalletLink', () => {
    expect(parsePairingLink(buildWalletLink(base, pairingUri))).toBe(pairingUri)
  })

  it('says what is wrong with a broken link', () => {
    expect(failure('not a link')).toBe('The pairing link is not a URL.')
    expect(failure(`${base}pair`)).toBe(
      'The pairing link carries no pairing URI (its "#uri=" part is missing).',
    )
    expect(failure(`${base}pair#uri=`)).toBe(
      'The pairing link carries no pairing URI (its "#uri=" part is missing).',
    )
    expect(failure(`${base}pair#uri=${pairingUri}`)).toBe(
      'The pairing URI in the link is not percent-encoded: its "&" cut it before "relay".',
    )
    // A link cut off in the middle of the secret: the URI's own check names the parameter.
    const cut = buildWalletLink(base, pairingUri).replace(/secret%3D[^%]+/, 'secret%3DAAAA')
    expect(failure(cut)).toBe('The "secret" parameter of the pairing URI has 3 bytes; it must be 32 bytes.')
    expect(failure(`${base}pair#uri=${encodeURIComponent('https://evil.example')}`)).toBe(
      'This is not a dapplink pairing URI.',
    )
  })

  it('refuses the link of a version 1 dapp, saying it runs an older dapplink protocol', () => {
    const v1Link = buildWalletLink(base, pairingUri.replace('v=2', 'v=1'))
    expect(failure(v1Link)).toBe(
      'The dapp runs an older dapplink protocol (version 1); this wallet speaks version 2.',
    )
    expect(() => parsePairingLink(v1Link)).toThrow(PairingUriVersionError)
  })
})

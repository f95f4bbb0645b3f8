import { deflateSync, inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createEciesKeyPair } from '../crypto/ecies.js'
import { InvalidConnectionRequestError } from '../errors/metamask.js'
import { bytesToBase64 } from './base64.js'
import { createConnectionRequest } from './connectionRequest.js'
import { buildPairingLinks, buildWakeUpLink, openWakeUpLink, parsePairingLink } from './pairingLink.js'

const now = 1_800_000_000_000
const dapp = { name: 'Test dapp', url: 'https://dapp.example' }
const request = createConnectionRequest({ publicKey: createEciesKeyPair().publicKey, dapp, now })

describe('buildPairingLinks', () => {
  it('writes both links around one URL-encoded, zlib-deflated body (what pako.inflate reads)', async () => {
    const { qrLink, universalLink } = await buildPairingLinks(request)
    expect(qrLink.startsWith('metamask://connect/mwp?p=')).toBe(true)
    expect(qrLink.endsWith('&c=1')).toBe(true)
    expect(universalLink).toBe(qrLink.replace('metamask://', 'https://metamask.app.link/'))
    const encoded = qrLink.slice('metamask://connect/mwp?p='.length, -'&c=1'.length)
    expect(encoded).not.toMatch(/[+/=]/)
    // node's zlib inflate is RFC 1950, as pako.inflate and MetaMask Mobile's parser.
    const json = inflateSync(Buffer.from(decodeURIComponent(encoded), 'base64')).toString('utf8')
    expect(JSON.parse(json)).toEqual(request)
  })

  it('round-trips through parsePairingLink, from either link', async () => {
    const { qrLink, universalLink } = await buildPairingLinks(request)
    expect(await parsePairingLink(qrLink, now)).toEqual(request)
    expect(await parsePairingLink(universalLink, now)).toEqual(request)
  })
})

describe('parsePairingLink refuses bad links with a typed error', () => {
  const link = (body: Uint8Array, base = 'metamask://connect/mwp') =>
    `${base}?p=${encodeURIComponent(bytesToBase64(body))}&c=1`
  const cases: [string, () => Promise<string>][] = [
    ['not a URL', async () => 'not a link'],
    ['another scheme', async () => link(deflateSync('{}'), 'https://evil.example/connect/mwp')],
    ['no p', async () => 'metamask://connect/mwp?c=1'],
    ['not base64', async () => 'metamask://connect/mwp?p=%%%&c=1'],
    ['not deflated', async () => link(new TextEncoder().encode('{"a":1}'))],
    ['not JSON', async () => link(deflateSync('not json'))],
    ['a deflate bomb', async () => link(deflateSync(Buffer.alloc(10_000_000, 0x20)))],
    ['expired', async () => (await buildPairingLinks(request)).qrLink],
  ]
  it.each(cases)('%s', async (name, makeLink) => {
    const at = name === 'expired' ? request.sessionRequest.expiresAt : now
    await expect(parsePairingLink(await makeLink(), at)).rejects.toBeInstanceOf(InvalidConnectionRequestError)
  })
})

describe('buildWakeUpLink', () => {
  it('names the session', () => {
    expect(buildWakeUpLink('a b')).toBe('metamask://connect/mwp?id=a%20b')
  })
})

describe('openWakeUpLink', () => {
  it('hands the wake-up link to openLink when given', () => {
    const opened: string[] = []
    openWakeUpLink('s1', (url) => opened.push(url))
    expect(opened).toEqual(['metamask://connect/mwp?id=s1'])
  })

  it('does nothing outside a browser without openLink', () => {
    expect(typeof window).toBe('undefined')
    expect(() => openWakeUpLink('s1', undefined)).not.toThrow()
  })
})

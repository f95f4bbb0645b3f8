import { createEciesKeyPair, encodeBase64 } from '@dapplink/core/relay'
import type { SessionRequest } from '@metamask/mobile-wallet-protocol-core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildMwpLink } from './buildMwpLink.js'
import {
  ExpiredMwpLinkError,
  MalformedMwpLinkError,
  MwpWalletError,
  OversizedMwpLinkError,
} from './errors.js'
import { parseMwpLink } from './parseMwpLink.js'

const now = 1_800_000_000_000
const id = '0b4f8a4e-2f0c-4a8e-9c55-0f1b6c1d2e3f'
const dappKey = createEciesKeyPair(new Uint8Array(32).fill(7)).publicKey
const sessionRequest = (overrides: Partial<SessionRequest> = {}): SessionRequest => ({
  id,
  mode: 'trusted',
  channel: `handshake:${id}`,
  publicKeyB64: encodeBase64(dappKey),
  expiresAt: now + 60_000,
  ...overrides,
})
const metadata = {
  dapp: { name: 'Dapp', url: 'https://dapp.example' },
  sdk: { version: '1.2.0', platform: 'web' },
}

/** A link with an arbitrary JSON body, deflated as MetaMask Connect does. */
const linkOf = async (body: unknown) => {
  const json = new TextEncoder().encode(JSON.stringify(body))
  const deflated = new Uint8Array(
    await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer(),
  )
  return `metamask://connect/mwp?p=${encodeURIComponent(encodeBase64(deflated))}&c=1`
}

describe('parseMwpLink', () => {
  it('reads the scheme link and the universal link MetaMask Connect writes', async () => {
    for (const form of ['scheme', 'universal'] as const) {
      const link = await buildMwpLink(sessionRequest(), metadata, form)
      const request = await parseMwpLink(link, { now })
      expect(request.sessionRequest).toEqual(sessionRequest())
      expect(Array.from(request.dappPublicKey)).toEqual(Array.from(dappKey))
      expect(request.metadata.dapp).toMatchObject({ name: 'Dapp', url: 'https://dapp.example' })
      expect(request.metadata.sdk).toEqual({ version: '1.2.0', platform: 'web' })
    }
  })

  it('reads an uncompressed request (no c) and keeps the initial message', async () => {
    const body = {
      sessionRequest: sessionRequest({ initialMessage: { type: 'message', payload: { x: 1 } } }),
      metadata,
    }
    const link = `metamask://connect/mwp?p=${encodeURIComponent(encodeBase64(new TextEncoder().encode(JSON.stringify(body))))}`
    expect((await parseMwpLink(link, { now })).sessionRequest.initialMessage).toEqual({
      type: 'message',
      payload: { x: 1 },
    })
  })

  it('refuses an expired request with ExpiredMwpLinkError', async () => {
    const link = await buildMwpLink(sessionRequest({ expiresAt: now - 5_000 }), metadata)
    await expect(parseMwpLink(link, { now })).rejects.toThrow(ExpiredMwpLinkError)
    await expect(parseMwpLink(link, { now })).rejects.toThrow('expired 5 s ago')
  })

  it.each([
    ['not a URL', 'hello', 'not a URL'],
    ['another host', 'metamask://other/mwp?p=AA==&c=1', 'not a MetaMask connection link'],
    ['the legacy SDK path', 'https://metamask.app.link/connect?p=AA==', 'not a MetaMask connection link'],
    ['no p', 'metamask://connect/mwp?c=1', 'no "p" parameter'],
    ['an unencoded +', 'metamask://connect/mwp?p=ab+c&c=1', 'not base64'],
    ['p that is not zlib', 'metamask://connect/mwp?p=AAAAAAAA&c=1', 'not zlib-deflated'],
    ['an unknown c', 'metamask://connect/mwp?p=AAAA&c=2', 'only c=1'],
  ])('refuses %s with MalformedMwpLinkError', async (_, link, message) => {
    await expect(parseMwpLink(link, { now })).rejects.toThrow(MalformedMwpLinkError)
    await expect(parseMwpLink(link, { now })).rejects.toThrow(message)
  })

  it.each([
    ['JSON that is not an object', [1, 2], 'JSON is not an object'],
    ['an id that is not a UUID', { sessionRequest: sessionRequest({ id: 'x' }), metadata }, 'not a UUID'],
    [
      'a foreign channel',
      { sessionRequest: sessionRequest({ channel: 'session:x' }), metadata },
      'handshake:<id>',
    ],
    ['an unknown mode', { sessionRequest: { ...sessionRequest(), mode: 'open' }, metadata }, 'mode'],
    [
      'a 32-byte key',
      {
        sessionRequest: sessionRequest({ publicKeyB64: encodeBase64(new Uint8Array(32).fill(2)) }),
        metadata,
      },
      'not a compressed secp256k1 public key',
    ],
    [
      'a key off the curve',
      // x = 0: y² = 7 has no root modulo p, so no point of secp256k1 has it.
      {
        sessionRequest: sessionRequest({
          publicKeyB64: encodeBase64(Uint8Array.of(2, ...new Uint8Array(32))),
        }),
        metadata,
      },
      'not a compressed secp256k1 public key',
    ],
    ['no expiry', { sessionRequest: { ...sessionRequest(), expiresAt: '1' }, metadata }, 'expiresAt'],
    ['no metadata', { sessionRequest: sessionRequest() }, 'metadata.dapp'],
    [
      'a javascript: dapp url',
      { sessionRequest: sessionRequest(), metadata: { dapp: { name: 'x', url: 'javascript:alert(1)' } } },
      'http(s) URL',
    ],
    [
      'a 257-character name',
      {
        sessionRequest: sessionRequest(),
        metadata: { dapp: { name: 'n'.repeat(257), url: 'https://a.example' } },
      },
      '1 to 256 characters',
    ],
  ])('refuses a request with %s', async (_, body, message) => {
    const link = await linkOf(body)
    await expect(parseMwpLink(link, { now })).rejects.toThrow(MalformedMwpLinkError)
    await expect(parseMwpLink(link, { now })).rejects.toThrow(message)
  })

  it('refuses an oversized link, and a small link that inflates past the limit (decompression bomb)', async () => {
    await expect(parseMwpLink(`metamask://connect/mwp?p=${'A'.repeat(40_000)}&c=1`, { now })).rejects.toThrow(
      OversizedMwpLinkError,
    )
    const bomb = await linkOf({ padding: ' '.repeat(2_000_000) })
    expect(bomb.length).toBeLessThan(10_000)
    await expect(parseMwpLink(bomb, { now })).rejects.toThrow(OversizedMwpLinkError)
  })

  it('throws only MwpWalletError subclasses, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((p) => `metamask://connect/mwp?p=${encodeURIComponent(p)}&c=1`),
          fc.base64String().map((p) => `metamask://connect/mwp?p=${encodeURIComponent(p)}&c=1`),
          fc
            .jsonValue()
            .chain((value) => fc.constant(value))
            .map((value) => ({ sessionRequest: value, metadata })),
        ),
        async (input) => {
          const link = typeof input === 'string' ? input : await linkOf(input)
          await parseMwpLink(link, { now }).then(
            () => undefined,
            (error) => expect(error).toBeInstanceOf(MwpWalletError),
          )
        },
      ),
      { numRuns: 200 },
    )
  })
})

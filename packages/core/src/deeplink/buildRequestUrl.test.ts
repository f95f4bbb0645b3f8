import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, UnsupportedMethodError, UrlTooLongError } from '../errors/deeplink.js'
import { type BuildRequestUrlParameters, buildRequestUrl, type DeeplinkRequest } from './buildRequestUrl.js'
import { defineWalletProfile } from './walletProfile.js'
import { backpack } from './walletProfiles.js'

const dapp = nacl.box.keyPair()
const wallet = nacl.box.keyPair()
const base: Omit<BuildRequestUrlParameters, 'request'> = {
  profile: backpack,
  session: 'session-token',
  sharedSecret: nacl.box.before(wallet.publicKey, dapp.secretKey),
  dappEncryptionPublicKey: dapp.publicKey,
  redirectLink: 'https://dapp.example/return?dapplink_id=AbCdEfGhJk',
}

// What the wallet sees: decrypted with tweetnacl directly, not with dapplink's opener.
function walletReads(url: string) {
  const parsed = new URL(url)
  const query = parsed.searchParams
  expect([...query.keys()]).toEqual(['dapp_encryption_public_key', 'nonce', 'redirect_link', 'payload'])
  const dappKey = bs58.decode(query.get('dapp_encryption_public_key')!)
  const plaintext = nacl.box.open(
    bs58.decode(query.get('payload')!),
    bs58.decode(query.get('nonce')!),
    dappKey,
    wallet.secretKey,
  )
  expect(plaintext).not.toBeNull()
  return {
    path: parsed.origin + parsed.pathname,
    query,
    json: JSON.parse(new TextDecoder().decode(plaintext!)),
  }
}

describe('buildRequestUrl', () => {
  it('encrypts each method payload as the wallets define it', () => {
    const transaction = nacl.randomBytes(200)
    const cases: [DeeplinkRequest, Record<string, unknown>][] = [
      [{ method: 'disconnect' }, { session: 'session-token' }],
      [
        { method: 'signMessage', message: new TextEncoder().encode('hello') },
        { message: 'Cn8eVZg', session: 'session-token', display: 'utf8' },
      ],
      [
        { method: 'signMessage', message: new Uint8Array([0xde, 0xad]), display: 'hex' },
        { message: bs58.encode(new Uint8Array([0xde, 0xad])), session: 'session-token', display: 'hex' },
      ],
      [
        { method: 'signTransaction', transaction },
        { transaction: bs58.encode(transaction), session: 'session-token' },
      ],
      [
        { method: 'signAllTransactions', transactions: [transaction, transaction.slice(1)] },
        {
          transactions: [bs58.encode(transaction), bs58.encode(transaction.slice(1))],
          session: 'session-token',
        },
      ],
      [
        { method: 'signAndSendTransaction', transaction },
        { transaction: bs58.encode(transaction), session: 'session-token' },
      ],
      [
        {
          method: 'signAndSendTransaction',
          transaction,
          sendOptions: { skipPreflight: true, maxRetries: 2 },
        },
        {
          transaction: bs58.encode(transaction),
          sendOptions: { skipPreflight: true, maxRetries: 2 },
          session: 'session-token',
        },
      ],
    ]
    for (const [request, expected] of cases) {
      const { path, query, json } = walletReads(buildRequestUrl({ ...base, request }))
      expect(path).toBe(`https://backpack.app/ul/v1/${request.method}`)
      expect(query.get('redirect_link')).toBe(base.redirectLink)
      expect(bs58.decode(query.get('nonce')!)).toHaveLength(24)
      expect(json).toEqual(expected)
    }
  })

  it('throws UrlTooLongError before encoding an oversized payload', () => {
    const huge = nacl.randomBytes(400_000) // base58-encoding this would take minutes
    expect(() =>
      buildRequestUrl({ ...base, request: { method: 'signTransaction', transaction: huge } }),
    ).toThrow(UrlTooLongError)
  })

  it('respects a configurable limit, exactly at the boundary', () => {
    const request: DeeplinkRequest = { method: 'signTransaction', transaction: nacl.randomBytes(300) }
    const nonce = nacl.randomBytes(24) // fixed, so every build has the same length
    const length = buildRequestUrl({ ...base, request, nonce }).length
    expect(buildRequestUrl({ ...base, request, nonce, maxUrlLength: length })).toHaveLength(length)
    try {
      buildRequestUrl({ ...base, request, nonce, maxUrlLength: length - 1 })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(UrlTooLongError)
      expect((error as UrlTooLongError).maxLength).toBe(length - 1)
      expect((error as UrlTooLongError).length).toBeGreaterThan(length - 1)
    }
  })

  it('refuses methods the profile lacks, empty sessions, bad display and empty batches', () => {
    const messagesOnly = defineWalletProfile({
      id: 'messages-only',
      name: 'Messages only',
      baseUrl: 'https://m.example/ul/v1/',
      encryptionPublicKeyParam: 'm_encryption_public_key',
      methods: ['connect', 'signMessage'],
    })
    const transaction = new Uint8Array([1])
    expect(() =>
      buildRequestUrl({
        ...base,
        profile: messagesOnly,
        request: { method: 'signTransaction', transaction },
      }),
    ).toThrow(UnsupportedMethodError)
    expect(() => buildRequestUrl({ ...base, session: '', request: { method: 'disconnect' } })).toThrow(
      InvalidArgumentError,
    )
    expect(() =>
      buildRequestUrl({
        ...base,
        request: { method: 'signMessage', message: transaction, display: 'base64' as 'hex' },
      }),
    ).toThrow(/Unknown message display "base64"/)
    expect(() =>
      buildRequestUrl({ ...base, request: { method: 'signAllTransactions', transactions: [] } }),
    ).toThrow(InvalidArgumentError)
  })
})

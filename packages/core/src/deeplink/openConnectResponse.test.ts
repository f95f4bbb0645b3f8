import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { DecryptionError, InvalidResponseError } from '../errors/deeplink.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { openConnectResponse } from './openConnectResponse.js'
import { parseRedirectUrl } from './parseRedirectUrl.js'
import { phantom, solflare } from './walletProfiles.js'

const dapp = nacl.box.keyPair()
const wallet = nacl.box.keyPair()
const account = nacl.sign.keyPair()
const redirectLink = 'https://dapp.example/return?dapplink_id=AbCdEfGhJkLm'
const session = bs58.encode(
  nacl.sign(
    new TextEncoder().encode('{"app_url":"https://dapp.example","timestamp":1,"chain":"solana"}'),
    account.secretKey,
  ),
)

// The wallet's answer, built with tweetnacl directly (independent of dapplink's sealing code).
function connectAnswer(
  keyParam: string,
  data: unknown = { public_key: bs58.encode(account.publicKey), session },
) {
  const nonce = nacl.randomBytes(24)
  const box = nacl.box(
    new TextEncoder().encode(JSON.stringify(data)),
    nonce,
    dapp.publicKey,
    wallet.secretKey,
  )
  const url = new URL(redirectLink)
  url.searchParams.append(keyParam, bs58.encode(wallet.publicKey))
  url.searchParams.append('nonce', bs58.encode(nonce))
  url.searchParams.append('data', bs58.encode(box))
  return parseRedirectUrl(url)!
}

describe('openConnectResponse', () => {
  it('opens a connect answer and verifies the session token', () => {
    const opened = openConnectResponse({
      redirect: connectAnswer('phantom_encryption_public_key'),
      profile: phantom,
      dappSecretKey: dapp.secretKey,
    })
    expect(opened.publicKey).toBe(bs58.encode(account.publicKey))
    expect(opened.session).toBe(session)
    expect(opened.sessionVerified).toBe(true)
    expect(opened.walletEncryptionPublicKey).toBe(bs58.encode(wallet.publicKey))
    expect(opened.sharedSecret).toEqual(nacl.box.before(wallet.publicKey, dapp.secretKey))
  })

  it('falls back to another *_encryption_public_key when the profile key is absent', () => {
    const opened = openConnectResponse({
      redirect: connectAnswer('wallet_encryption_public_key'),
      profile: solflare,
      dappSecretKey: dapp.secretKey,
    })
    expect(opened.publicKey).toBe(bs58.encode(account.publicKey))
  })

  it('reports an unverifiable session token without failing', () => {
    const opened = openConnectResponse({
      redirect: connectAnswer('phantom_encryption_public_key', {
        public_key: bs58.encode(account.publicKey),
        session: 'opaque',
      }),
      profile: phantom,
      dappSecretKey: dapp.secretKey,
    })
    expect(opened.sessionVerified).toBe(false)
    expect(opened.session).toBe('opaque')
  })

  it('throws the typed wallet error for a rejection', () => {
    const redirect = parseRedirectUrl(`${redirectLink}&errorCode=4001&errorMessage=User%20rejected`)!
    expect(() => openConnectResponse({ redirect, profile: phantom, dappSecretKey: dapp.secretKey })).toThrow(
      UserRejectedRequestError,
    )
  })

  it('refuses missing keys, wrong shapes and other dapps keys', () => {
    const base = { profile: phantom, dappSecretKey: dapp.secretKey }
    expect(() => openConnectResponse({ ...base, redirect: parseRedirectUrl(redirectLink)! })).toThrow(
      InvalidResponseError,
    )
    const twoKeys = connectAnswer('a_encryption_public_key')
    const withSecond = parseRedirectUrl(
      `${new URL(redirectLink).origin}/return?${new URLSearchParams({
        ...twoKeys.params,
        b_encryption_public_key: bs58.encode(nacl.box.keyPair().publicKey),
      })}`,
    )!
    expect(() => openConnectResponse({ ...base, redirect: withSecond })).toThrow(/nor exactly one other/)
    expect(() =>
      openConnectResponse({
        ...base,
        redirect: connectAnswer('phantom_encryption_public_key', { public_key: 'abc', session }),
      }),
    ).toThrow(InvalidResponseError)
    expect(() =>
      openConnectResponse({ ...base, redirect: connectAnswer('phantom_encryption_public_key', [1, 2]) }),
    ).toThrow(/not a JSON object/)
    expect(() =>
      openConnectResponse({
        ...base,
        redirect: connectAnswer('phantom_encryption_public_key'),
        dappSecretKey: nacl.box.keyPair().secretKey,
      }),
    ).toThrow(DecryptionError)
  })
})

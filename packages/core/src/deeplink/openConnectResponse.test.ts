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

describe('openConnectResponse against a forged answer', () => {
  // X25519 points of small order: with any dapp secret key the raw shared point is all zeros, so the box
  // key is a constant anyone can compute. Whoever knows the request id could forge a connect answer.
  const lowOrderPoints = [
    new Uint8Array(32),
    Uint8Array.from([1, ...new Uint8Array(31)]),
    Uint8Array.from(Buffer.from('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', 'hex')),
    Uint8Array.from(Buffer.from('5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157', 'hex')),
  ]

  it.each(lowOrderPoints.map((point) => [Buffer.from(point).toString('hex').slice(0, 8), point] as const))(
    'refuses the low-order wallet key %s… with InvalidResponseError',
    (_, point) => {
      const constantKey = nacl.box.before(point, nacl.box.keyPair().secretKey)
      const nonce = nacl.randomBytes(24)
      const forgedData = { public_key: bs58.encode(account.publicKey), session }
      const box = nacl.box.after(new TextEncoder().encode(JSON.stringify(forgedData)), nonce, constantKey)
      const url = new URL(redirectLink)
      url.searchParams.append('phantom_encryption_public_key', bs58.encode(point))
      url.searchParams.append('nonce', bs58.encode(nonce))
      url.searchParams.append('data', bs58.encode(box))
      const open = () =>
        openConnectResponse({
          redirect: parseRedirectUrl(url)!,
          profile: phantom,
          dappSecretKey: dapp.secretKey,
        })
      expect(open).toThrow(InvalidResponseError)
      expect(open).toThrow(/low-order/)
    },
  )

  it('names the session check for what it is: a signature by the account, not a proof', () => {
    const opened = openConnectResponse({
      redirect: connectAnswer('phantom_encryption_public_key'),
      profile: phantom,
      dappSecretKey: dapp.secretKey,
    })
    expect(opened.sessionSignedByAccount).toBe(true)
    expect(opened.sessionVerified).toBe(opened.sessionSignedByAccount)
  })
})

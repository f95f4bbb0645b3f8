import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, test } from 'vitest'
import { InvalidRequestError, MethodNotFoundError, WalletRequestError } from '../errors/walletRequestError.js'
import { deeplinkMethods } from './methods.js'
import { parseDeeplinkRequest } from './parseDeeplinkRequest.js'

const baseUrl = 'https://phantom.app/ul/v1/'
const dappKey = bs58.encode(nacl.box.keyPair().publicKey)
const redirectLink = 'https://dapp.example/callback?request=7'
const nonce = bs58.encode(nacl.randomBytes(24))
const payload = bs58.encode(nacl.randomBytes(80))

const url = (method: string, params: Record<string, string>, base = baseUrl) =>
  `${base}${method}?${new URLSearchParams(params).toString()}`
const connectParams = {
  app_url: 'https://dapp.example',
  dapp_encryption_public_key: dappKey,
  redirect_link: redirectLink,
  cluster: 'devnet',
}
const encryptedParams = { dapp_encryption_public_key: dappKey, nonce, redirect_link: redirectLink, payload }

const errorOf = (run: () => unknown): WalletRequestError => {
  try {
    run()
  } catch (error) {
    if (error instanceof WalletRequestError) return error
    throw error
  }
  throw new Error('expected a WalletRequestError')
}

describe('connect', () => {
  test('parses the plaintext parameters', () => {
    const request = parseDeeplinkRequest(url('connect', connectParams), { baseUrl })
    expect(request).toEqual({
      method: 'connect',
      appUrl: 'https://dapp.example',
      dappEncryptionPublicKey: bs58.decode(dappKey),
      redirectLink,
      cluster: 'devnet',
      appIdentity: 'https://dapp.example',
      appUrlVerified: true,
    })
  })

  test('binds the redirect link to the app origin: another web origin is refused, unanswered', () => {
    const error = errorOf(() =>
      parseDeeplinkRequest(
        url('connect', {
          ...connectParams,
          app_url: 'https://jup.ag',
          redirect_link: 'https://evil.example/x',
        }),
        { baseUrl },
      ),
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error.redirectLink).toBeUndefined()
    expect(error.shortMessage).toMatch(/evil\.example, not to the app's origin https:\/\/jup\.ag/)
  })

  test('a custom-scheme redirect link becomes the identity and app_url is flagged unverified', () => {
    const request = parseDeeplinkRequest(
      url('connect', { ...connectParams, redirect_link: 'myapp://done' }),
      {
        baseUrl,
      },
    )
    expect(request).toMatchObject({
      appIdentity: 'myapp:',
      appUrlVerified: false,
      appUrl: 'https://dapp.example',
    })
    const web = parseDeeplinkRequest(url('connect', connectParams), { baseUrl })
    expect(web).toMatchObject({ appIdentity: 'https://dapp.example', appUrlVerified: true })
  })

  test('cluster is optional; an unknown one is refused with the redirect link', () => {
    const { cluster: _, ...withoutCluster } = connectParams
    expect(parseDeeplinkRequest(url('connect', withoutCluster), { baseUrl })).toMatchObject({
      cluster: undefined,
    })
    const error = errorOf(() =>
      parseDeeplinkRequest(url('connect', { ...connectParams, cluster: 'localnet' }), { baseUrl }),
    )
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect(error).toMatchObject({ code: -32000, redirectLink })
    expect(error.shortMessage).toMatch(/not a Solana cluster/)
  })

  test.each([
    ['app_url', 'not a url', /not an http\(s\) URL/],
    ['app_url', 'javascript:alert(1)', /not an http\(s\) URL/],
    ['dapp_encryption_public_key', bs58.encode(new Uint8Array(31).fill(9)), /31 bytes; it must be 32/],
    ['dapp_encryption_public_key', '0xdeadbeef', /not valid base58/],
  ])('refuses %s=%j', (name, value, message) => {
    const error = errorOf(() =>
      parseDeeplinkRequest(url('connect', { ...connectParams, [name]: value }), { baseUrl }),
    )
    expect(error.shortMessage).toMatch(message)
    expect(error).toMatchObject({ code: -32000, redirectLink })
  })
})

describe('encrypted methods', () => {
  test.each(deeplinkMethods.filter((method) => method !== 'connect'))('parses %s', (method) => {
    const request = parseDeeplinkRequest(url(method, encryptedParams), { baseUrl })
    expect(request).toEqual({
      method,
      dappEncryptionPublicKey: bs58.decode(dappKey),
      nonce: bs58.decode(nonce),
      redirectLink,
      payload: bs58.decode(payload),
    })
  })

  test.each(['dapp_encryption_public_key', 'nonce', 'payload'])(
    'missing %s is -32000 with the redirect link',
    (name) => {
      const params: Record<string, string> = { ...encryptedParams }
      delete params[name]
      const error = errorOf(() => parseDeeplinkRequest(url('signMessage', params), { baseUrl }))
      expect(error.shortMessage).toBe(`The "${name}" parameter is missing.`)
      expect(error).toMatchObject({ code: -32000, redirectLink })
    },
  )

  test('a nonce of 12 bytes is refused', () => {
    const error = errorOf(() =>
      parseDeeplinkRequest(
        url('signMessage', { ...encryptedParams, nonce: bs58.encode(nacl.randomBytes(12)) }),
        { baseUrl },
      ),
    )
    expect(error.shortMessage).toMatch(/"nonce" parameter decodes to 12 bytes; it must be 24 bytes/)
  })

  test('a payload shorter than a box, or too long, is refused before decrypting', () => {
    expect(() =>
      parseDeeplinkRequest(
        url('signMessage', { ...encryptedParams, payload: bs58.encode(nacl.randomBytes(8)) }),
        {
          baseUrl,
        },
      ),
    ).toThrow(/shorter than a box/)
    expect(() =>
      parseDeeplinkRequest(url('signMessage', { ...encryptedParams, payload: 'z'.repeat(33_000) }), {
        baseUrl,
      }),
    ).toThrow(/"payload" parameter is too long/)
  })
})

describe('request URL', () => {
  test('an unknown method is -32601 and still answerable', () => {
    const error = errorOf(() => parseDeeplinkRequest(url('signIn', encryptedParams), { baseUrl }))
    expect(error).toBeInstanceOf(MethodNotFoundError)
    expect(error).toMatchObject({ code: -32601, redirectLink })
  })

  test('a path outside the base URL is refused', () => {
    expect(() =>
      parseDeeplinkRequest(url('connect', connectParams, 'https://solflare.com/ul/v1/'), { baseUrl }),
    ).toThrow(/does not start with this wallet's base URL/)
    expect(() => parseDeeplinkRequest(url('v1/connect', connectParams), { baseUrl })).toThrow(
      MethodNotFoundError,
    )
  })

  test('works with custom-scheme and localhost bases', () => {
    for (const base of ['phantom://v1/', 'http://localhost:5173/ul/v1/']) {
      expect(parseDeeplinkRequest(url('connect', connectParams, base), { baseUrl: base }).method).toBe(
        'connect',
      )
    }
  })

  test('duplicate parameters are refused; a duplicate redirect_link leaves nowhere to answer', () => {
    const duplicateNonce = `${url('signMessage', encryptedParams)}&nonce=${nonce}`
    expect(errorOf(() => parseDeeplinkRequest(duplicateNonce, { baseUrl }))).toMatchObject({
      shortMessage: 'The "nonce" parameter appears more than once.',
      redirectLink,
    })
    const duplicateRedirect = `${url('signMessage', encryptedParams)}&redirect_link=${encodeURIComponent('https://evil.example')}`
    expect(errorOf(() => parseDeeplinkRequest(duplicateRedirect, { baseUrl }))).toMatchObject({
      code: -32000,
      redirectLink: undefined,
    })
  })

  test('unknown parameters are ignored', () => {
    expect(parseDeeplinkRequest(`${url('connect', connectParams)}&utm_source=x`, { baseUrl }).method).toBe(
      'connect',
    )
  })

  test('a missing or malformed redirect link leaves nowhere to answer', () => {
    const { redirect_link: _, ...withoutRedirect } = connectParams
    expect(errorOf(() => parseDeeplinkRequest(url('connect', withoutRedirect), { baseUrl }))).toMatchObject({
      redirectLink: undefined,
    })
    expect(
      errorOf(() =>
        parseDeeplinkRequest(url('connect', { ...connectParams, redirect_link: '/relative' }), { baseUrl }),
      ),
    ).toMatchObject({ code: -32000, redirectLink: undefined })
  })

  test('an over-long URL and a non-URL are refused', () => {
    expect(() =>
      parseDeeplinkRequest(`${url('connect', connectParams)}&x=${'a'.repeat(50_000)}`, { baseUrl }),
    ).toThrow(/too long/)
    expect(() => parseDeeplinkRequest('not a url', { baseUrl })).toThrow(InvalidRequestError)
    expect(() =>
      parseDeeplinkRequest(url('connect', connectParams), { baseUrl: 'https://phantom.app/ul/v1' }),
    ).toThrow(/must end with a slash/)
  })

  test('limits are configurable', () => {
    expect(() =>
      parseDeeplinkRequest(url('signMessage', encryptedParams), {
        baseUrl,
        limits: { maxPayloadLength: 50 },
      }),
    ).toThrow(/"payload" parameter is too long/)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidResponseError } from '../errors/deeplink.js'
import { parseRedirectUrl } from './parseRedirectUrl.js'

const id = 'AbCdEfGhJkLmNoPq'

describe('parseRedirectUrl', () => {
  it('returns null for URLs that are not dapplink answers', () => {
    expect(parseRedirectUrl('https://dapp.example/')).toBeNull()
    expect(parseRedirectUrl('https://dapp.example/?nonce=abc&data=def')).toBeNull()
    expect(parseRedirectUrl('not a url')).toBeNull()
    expect(parseRedirectUrl('')).toBeNull()
  })

  it('splits id, params and a wallet error, parsing the string errorCode', () => {
    const success = parseRedirectUrl(new URL(`https://dapp.example/r?tab=1&dapplink_id=${id}&nonce=n&data=d`))
    expect(success).toEqual({
      requestId: id,
      params: { tab: '1', dapplink_id: id, nonce: 'n', data: 'd' },
      error: null,
    })
    const failure = parseRedirectUrl(
      `https://dapp.example/r?dapplink_id=${id}&errorCode=-32603&errorMessage=Boom%20here`,
    )
    expect(failure?.error).toEqual({ code: -32603, message: 'Boom here' })
    expect(parseRedirectUrl(`https://dapp.example/r?dapplink_id=${id}&errorCode=4001`)?.error).toEqual({
      code: 4001,
      message: undefined,
    })
  })

  it('refuses duplicated parameters, malformed ids and codes, and oversized URLs', () => {
    const bad = [
      `https://dapp.example/r?dapplink_id=${id}&data=a&data=b`,
      `https://dapp.example/r?dapplink_id=${id}&dapplink_id=${id}`,
      'https://dapp.example/r?dapplink_id=short',
      'https://dapp.example/r?dapplink_id=0OIl0OIl0OIl',
      `https://dapp.example/r?dapplink_id=${id}&errorCode=rejected`,
      `https://dapp.example/r?dapplink_id=${id}&errorCode=1e3`,
      `https://dapp.example/r?dapplink_id=${id}&errorCode=99999999999999`,
      `https://dapp.example/r?dapplink_id=${id}&data=${'x'.repeat(70_000)}`,
    ]
    for (const url of bad) expect(() => parseRedirectUrl(url)).toThrow(InvalidResponseError)
    expect(() =>
      parseRedirectUrl(`https://dapp.example/r?dapplink_id=${id}&x=${'y'.repeat(200)}`, { maxLength: 100 }),
    ).toThrow(/at most 100 are accepted/)
  })

  it('never throws anything but InvalidResponseError on arbitrary query strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (query) => {
        try {
          parseRedirectUrl(`https://dapp.example/r?dapplink_id=${id}&${query}`)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidResponseError)
        }
      }),
      { numRuns: 500 },
    )
  })
})

import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { createRequestId, isRequestId, requestIdParam, withRequestId } from './requestId.js'

describe('request ids', () => {
  it('are random base58 strings of 16 bytes', () => {
    const ids = new Set(Array.from({ length: 50 }, createRequestId))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(isRequestId(id)).toBe(true)
  })

  it('are added to the redirect link, keeping its own query', () => {
    const link = withRequestId('https://dapp.example/return?tab=2', 'AbCdEfGhJk')
    expect(new URL(link).searchParams.get('tab')).toBe('2')
    expect(new URL(link).searchParams.get(requestIdParam)).toBe('AbCdEfGhJk')
    // An old id in the link is replaced, not duplicated.
    expect(new URL(withRequestId(link, 'ZyXwVuTsRq')).searchParams.getAll(requestIdParam)).toEqual([
      'ZyXwVuTsRq',
    ])
  })

  it('refuse a redirect link with a fragment or that is not a URL', () => {
    expect(() => withRequestId('https://dapp.example/#/return', 'AbCdEfGhJk')).toThrow(
      /must not contain a #fragment/,
    )
    expect(() => withRequestId('/return', 'AbCdEfGhJk')).toThrow(InvalidArgumentError)
    expect(() => withRequestId('https://dapp.example/', 'not an id!')).toThrow(InvalidArgumentError)
  })
})

import { describe, expect, it } from 'vitest'
import { InvalidResponseError } from '../errors/deeplink.js'
import { MetamaskSessionClosedError } from '../errors/metamask.js'
import { readSessionScopesUpdate } from './sessionScopesUpdate.js'

describe('readSessionScopesUpdate', () => {
  it('reads the scopes the wallet still grants', () => {
    const scopes = { 'solana:mainnet': { accounts: ['solana:mainnet:Abc'] } }
    expect(readSessionScopesUpdate({ sessionScopes: scopes })).toEqual({
      kind: 'scopes',
      sessionScopes: scopes,
    })
  })

  it('reads no scope left as a revoked session', () => {
    const update = readSessionScopesUpdate({ sessionScopes: {} })
    expect(update.kind).toBe('revoked')
    const error = update.kind === 'revoked' ? update.error : undefined
    expect(error).toBeInstanceOf(MetamaskSessionClosedError)
    expect(error?.reason).toBe('session-revoked')
    expect(error?.shortMessage).toBe('The wallet no longer has this session (disconnected in MetaMask).')
  })

  it('throws InvalidResponseError for an answer without a sessionScopes object', () => {
    for (const result of [null, {}, { sessionScopes: [] }, { sessionScopes: 'all' }])
      expect(() => readSessionScopesUpdate(result)).toThrow(InvalidResponseError)
  })
})

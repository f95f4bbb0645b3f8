import { MetamaskSessionClosedError } from '../errors/metamask.js'
import { readSessionScopes, type SessionScopes } from './multichainApi.js'

/** What the wallet's view of the session says: its scopes now, or that it revoked the session. */
export type SessionScopesUpdate =
  | { kind: 'scopes'; sessionScopes: SessionScopes }
  | { kind: 'revoked'; error: MetamaskSessionClosedError }

/**
 * Reads a `wallet_getSession` result or a `wallet_sessionChanged` notification: no scope left means the
 * user disconnected the dapp in MetaMask. Throws `InvalidResponseError` when it has no sessionScopes object.
 */
export function readSessionScopesUpdate(result: unknown): SessionScopesUpdate {
  const sessionScopes = readSessionScopes(result)
  if (Object.keys(sessionScopes).length > 0) return { kind: 'scopes', sessionScopes }
  return {
    kind: 'revoked',
    error: new MetamaskSessionClosedError('session-revoked', {
      shortMessage: 'The wallet no longer has this session (disconnected in MetaMask).',
    }),
  }
}

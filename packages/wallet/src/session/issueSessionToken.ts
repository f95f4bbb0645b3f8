import bs58 from 'bs58'
import nacl from 'tweetnacl'
import type { Cluster } from '../deeplink/methods.js'

/** The signed content of a session token. */
export type SessionTokenClaims = {
  app_url: string
  /** Milliseconds since the Unix epoch when the session was issued. */
  timestamp: number
  chain: 'solana'
  cluster?: Cluster
}

export type IssueSessionTokenParameters = {
  /** The dapp's URL from the connect request. */
  appUrl: string
  /** The cluster from the connect request, if any. */
  cluster?: Cluster | undefined
  /** The account's 64-byte ed25519 secret key (nacl.sign keypair). */
  secretKey: Uint8Array
  /** Issue time in ms; defaults to now. */
  timestamp?: number | undefined
}

/**
 * Issues the opaque session token returned on connect: base58 of `nacl.sign(utf8(JSON claims), secretKey)`.
 * Dapps send it back in every payload; `verifySessionToken` checks it.
 *
 * @example
 * const session = issueSessionToken({ appUrl: 'https://dapp.example', secretKey: account.secretKey })
 */
export function issueSessionToken(parameters: IssueSessionTokenParameters): string {
  const { appUrl, cluster, secretKey, timestamp = Date.now() } = parameters
  const claims: SessionTokenClaims = { app_url: appUrl, timestamp, chain: 'solana' }
  if (cluster !== undefined) claims.cluster = cluster
  const signed = nacl.sign(new TextEncoder().encode(JSON.stringify(claims)), secretKey)
  return bs58.encode(signed)
}

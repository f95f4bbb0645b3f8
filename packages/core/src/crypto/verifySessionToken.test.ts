import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { verifySessionToken } from './verifySessionToken.js'

const account = nacl.sign.keyPair()
const sessionJson = new TextEncoder().encode(
  JSON.stringify({
    app_url: 'https://dapp.example',
    timestamp: 1_700_000_000,
    chain: 'solana',
    cluster: 'devnet',
  }),
)
const session = bs58.encode(nacl.sign(sessionJson, account.secretKey))

describe('verifySessionToken', () => {
  it('accepts a token signed by the account key', () => {
    expect(verifySessionToken(session, account.publicKey)).toBe(true)
  })

  it('reports false for another account, a tampered token or garbage, without throwing', () => {
    expect(verifySessionToken(session, nacl.sign.keyPair().publicKey)).toBe(false)
    const tampered = bs58.decode(session)
    tampered[tampered.length - 1]! ^= 1
    expect(verifySessionToken(bs58.encode(tampered), account.publicKey)).toBe(false)
    expect(verifySessionToken('not base58 0OIl', account.publicKey)).toBe(false)
    expect(verifySessionToken('abc', account.publicKey)).toBe(false)
    expect(verifySessionToken(session, new Uint8Array(31))).toBe(false)
  })
})

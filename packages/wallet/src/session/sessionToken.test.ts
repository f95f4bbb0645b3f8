import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, test } from 'vitest'
import { UnauthorizedError } from '../errors/walletRequestError.js'
import { issueSessionToken } from './issueSessionToken.js'
import { createMemorySessionStore } from './sessionStore.js'
import { verifySessionToken } from './verifySessionToken.js'

const account = nacl.sign.keyPair()
const other = nacl.sign.keyPair()

describe('issueSessionToken', () => {
  test('is base58 of nacl.sign over the JSON claims', () => {
    const token = issueSessionToken({
      appUrl: 'https://dapp.example',
      cluster: 'devnet',
      secretKey: account.secretKey,
      timestamp: 1_700_000_000_000,
    })
    const opened = nacl.sign.open(bs58.decode(token), account.publicKey)
    expect(new TextDecoder().decode(opened!)).toBe(
      '{"app_url":"https://dapp.example","timestamp":1700000000000,"chain":"solana","cluster":"devnet"}',
    )
  })

  test('omits cluster when absent; deterministic for fixed inputs (ed25519)', () => {
    const parameters = { appUrl: 'https://a.example', secretKey: account.secretKey, timestamp: 1 }
    const token = issueSessionToken(parameters)
    expect(token).toBe(issueSessionToken(parameters))
    expect(verifySessionToken(token, { publicKey: account.publicKey })).toEqual({
      app_url: 'https://a.example',
      timestamp: 1,
      chain: 'solana',
    })
  })
})

describe('verifySessionToken', () => {
  const token = issueSessionToken({ appUrl: 'https://dapp.example', secretKey: account.secretKey })

  test('accepts the issued token', () => {
    expect(verifySessionToken(token, { publicKey: account.publicKey, expected: token }).app_url).toBe(
      'https://dapp.example',
    )
  })

  test.each([
    [
      'signed by another account',
      issueSessionToken({ appUrl: 'https://dapp.example', secretKey: other.secretKey }),
    ],
    ['not base58', 'not-base58!'],
    ['empty', ''],
    ['too long', '1'.repeat(5000)],
    ['unsigned', bs58.encode(new TextEncoder().encode('{"app_url":"x","timestamp":1,"chain":"solana"}'))],
    ['signed but not JSON', bs58.encode(nacl.sign(new TextEncoder().encode('hello'), account.secretKey))],
    [
      'signed claims of the wrong shape',
      bs58.encode(
        nacl.sign(
          new TextEncoder().encode('{"app_url":"x","chain":"ethereum","timestamp":1}'),
          account.secretKey,
        ),
      ),
    ],
  ])('refuses a token %s with 4100', (_, bad) => {
    let caught: unknown
    try {
      verifySessionToken(bad, { publicKey: account.publicKey, redirectLink: 'https://d.example/cb' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UnauthorizedError)
    expect(caught).toMatchObject({ code: 4100, redirectLink: 'https://d.example/cb' })
  })

  test('a valid token of this account that is not the session one is refused', () => {
    const older = issueSessionToken({
      appUrl: 'https://dapp.example',
      secretKey: account.secretKey,
      timestamp: 5,
    })
    expect(() => verifySessionToken(older, { publicKey: account.publicKey, expected: token })).toThrow(
      /differs from the one issued/,
    )
  })
})

test('createMemorySessionStore keeps sessions by dapp key', async () => {
  const store = createMemorySessionStore()
  const record = {
    dappEncryptionPublicKey: 'dappKey',
    walletEncryptionKeyPair: nacl.box.keyPair(),
    session: 'token',
    appUrl: 'https://dapp.example',
    cluster: undefined,
    createdAt: 1,
  }
  await store.set(record)
  expect(await store.get('dappKey')).toBe(record)
  expect(await store.get('other')).toBeUndefined()
  await store.delete('dappKey')
  expect(await store.get('dappKey')).toBeUndefined()
})

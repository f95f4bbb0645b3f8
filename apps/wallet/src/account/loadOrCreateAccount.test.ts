import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { createMapStorage } from '../test/createMapStorage.js'
import { accountStorageKey, loadOrCreateAccount } from './loadOrCreateAccount.js'

describe('loadOrCreateAccount', () => {
  it('creates a key on first run and returns the same one afterwards', () => {
    const storage = createMapStorage()
    const first = loadOrCreateAccount(storage)
    expect(storage.getItem(accountStorageKey)).toBe(bs58.encode(first.secretKey))
    const second = loadOrCreateAccount(storage)
    expect(bs58.encode(second.publicKey)).toBe(bs58.encode(first.publicKey))
    const signature = nacl.sign.detached(new Uint8Array([1, 2, 3]), second.secretKey)
    expect(nacl.sign.detached.verify(new Uint8Array([1, 2, 3]), signature, first.publicKey)).toBe(true)
  })

  it('creates different keys in different storages', () => {
    const a = loadOrCreateAccount(createMapStorage())
    const b = loadOrCreateAccount(createMapStorage())
    expect(bs58.encode(a.publicKey)).not.toBe(bs58.encode(b.publicKey))
  })

  it.each([
    ['not base58', '0OIl'],
    ['too short', bs58.encode(new Uint8Array(32))],
  ])('refuses a stored key that is %s', (_, value) => {
    const storage = createMapStorage()
    storage.setItem(accountStorageKey, value)
    expect(() => loadOrCreateAccount(storage)).toThrowError(/stored account key/)
  })

  it('refuses a secret key whose public half was corrupted', () => {
    const storage = createMapStorage()
    const secretKey = nacl.sign.keyPair().secretKey
    secretKey[40] = secretKey[40]! ^ 1
    storage.setItem(accountStorageKey, bs58.encode(secretKey))
    expect(() => loadOrCreateAccount(storage)).toThrowError(/inconsistent/)
  })
})

import { DecryptionError } from '@dapplink/core/relay'
import { decrypt, encrypt, PrivateKey } from 'eciesjs-0417'
import { describe, expect, it } from 'vitest'
import { InvalidMwpPeerKeyError } from './errors.js'
import { createMwpKeyManager } from './mwpKeyManager.js'

describe('createMwpKeyManager', () => {
  const keyManager = createMwpKeyManager()

  it('makes 33-byte compressed public keys and 32-byte secret keys', () => {
    const pair = keyManager.generateKeyPair()
    expect(pair.publicKey.length).toBe(33)
    expect(pair.privateKey.length).toBe(32)
    expect(new PrivateKey(pair.privateKey).publicKey.toBytes(true)).toEqual(pair.publicKey)
  })

  it('seals and opens base64 messages that eciesjs 0.4.17 (MetaMask’s pin) reads and writes', async () => {
    const wallet = keyManager.generateKeyPair()
    const dapp = new PrivateKey()
    const sealed = await keyManager.encrypt('{"type":"message"}', dapp.publicKey.toBytes(true))
    expect(decrypt(dapp.secret, Buffer.from(sealed, 'base64')).toString()).toBe('{"type":"message"}')
    const fromDapp = encrypt(wallet.publicKey, Buffer.from('héllo')).toString('base64')
    expect(await keyManager.decrypt(fromDapp, wallet.privateKey)).toBe('héllo')
  })

  it('refuses bad peer keys, non-base64 and tampered ciphertexts with typed errors', async () => {
    expect(() => keyManager.validatePeerKey(new Uint8Array(32))).toThrow(InvalidMwpPeerKeyError)
    expect(() => keyManager.validatePeerKey(Uint8Array.of(2, ...new Uint8Array(32)))).toThrow(
      InvalidMwpPeerKeyError,
    )
    const wallet = keyManager.generateKeyPair()
    await expect(keyManager.decrypt('not base64!', wallet.privateKey)).rejects.toThrow(DecryptionError)
    const sealed = Buffer.from(await keyManager.encrypt('hello', wallet.publicKey), 'base64')
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1
    await expect(keyManager.decrypt(sealed.toString('base64'), wallet.privateKey)).rejects.toThrow(
      DecryptionError,
    )
  })
})

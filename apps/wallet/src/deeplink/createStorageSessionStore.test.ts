import { createDeeplinkClient, createMemoryStorage, defineWalletProfile } from '@dapplink/core'
import { createDeeplinkWallet, type DeeplinkSession, UnauthorizedError } from '@dapplink/wallet'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { createMapStorage } from '../test/createMapStorage.js'
import { createStorageSessionStore, sessionStoragePrefix } from './createStorageSessionStore.js'

const baseUrl = 'http://localhost:5175/ul/v1/'
const profile = defineWalletProfile({
  id: 'reference',
  name: 'Reference wallet',
  baseUrl,
  encryptionPublicKeyParam: 'wallet_encryption_public_key',
})

const sampleSession = (): DeeplinkSession => ({
  dappEncryptionPublicKey: 'GsbwXfJraMomNxBcjYLcG3mxkBUiyWXAB32fGbSMQRdW',
  walletEncryptionKeyPair: nacl.box.keyPair(),
  session: 'token',
  appUrl: 'https://dapp.example',
  cluster: 'devnet',
  createdAt: 1_700_000_000_000,
})

describe('createStorageSessionStore', () => {
  it('round-trips a session through text storage, keys included', () => {
    const storage = createMapStorage()
    const session = sampleSession()
    createStorageSessionStore(storage).set(session)
    // A new store over the same storage: what a reloaded page sees.
    expect(createStorageSessionStore(storage).get(session.dappEncryptionPublicKey)).toEqual(session)
  })

  it('keeps an absent cluster absent', () => {
    const storage = createMapStorage()
    const session = { ...sampleSession(), cluster: undefined }
    createStorageSessionStore(storage).set(session)
    expect(createStorageSessionStore(storage).get(session.dappEncryptionPublicKey)?.cluster).toBeUndefined()
  })

  it('deletes a session', () => {
    const storage = createMapStorage()
    const store = createStorageSessionStore(storage)
    const session = sampleSession()
    store.set(session)
    store.delete(session.dappEncryptionPublicKey)
    expect(store.get(session.dappEncryptionPublicKey)).toBeUndefined()
    expect(storage.size()).toBe(0)
  })

  it.each([
    ['not JSON', '{'],
    ['null', 'null'],
    ['a wrong cluster', JSON.stringify({ ...storedFields(), cluster: 'localnet' })],
    ['a short secret key', JSON.stringify({ ...storedFields(), walletEncryptionSecretKey: '1111' })],
    ['a missing token', JSON.stringify({ ...storedFields(), session: undefined })],
    ['another dapp key', JSON.stringify({ ...storedFields(), dappEncryptionPublicKey: 'other' })],
  ])('reads an entry that is %s as no session', (_, text) => {
    const storage = createMapStorage()
    storage.setItem(`${sessionStoragePrefix}GsbwXfJraMomNxBcjYLcG3mxkBUiyWXAB32fGbSMQRdW`, text)
    expect(
      createStorageSessionStore(storage).get('GsbwXfJraMomNxBcjYLcG3mxkBUiyWXAB32fGbSMQRdW'),
    ).toBeUndefined()
  })

  it('lets a new wallet instance (a reloaded page) answer a request of a session made by the previous one', async () => {
    const storage = createMapStorage()
    const account = nacl.sign.keyPair()
    const navigated: string[] = []
    const dapp = createDeeplinkClient({
      profile,
      appUrl: 'https://dapp.example',
      redirectLink: 'https://dapp.example/return',
      storage: createMemoryStorage(),
      navigate: (url) => {
        navigated.push(url)
      },
    })

    const connecting = dapp.connect()
    await Promise.resolve()
    const firstPage = createDeeplinkWallet({ account, baseUrl, sessions: createStorageSessionStore(storage) })
    const connectRequest = await firstPage.parse(navigated[0]!)
    dapp.handleRedirect(await firstPage.approve(connectRequest))
    const connected = await connecting
    expect(connected.publicKey).toBe(firstPage.publicKey)

    const signing = dapp.signMessage('hello from the dapp')
    await Promise.resolve()
    const secondPage = createDeeplinkWallet({
      account,
      baseUrl,
      sessions: createStorageSessionStore(storage),
    })
    const signRequest = await secondPage.parse(navigated[1]!)
    expect(signRequest.method === 'signMessage' && signRequest.text).toBe('hello from the dapp')
    dapp.handleRedirect(await secondPage.approve(signRequest))
    const { signature } = await signing
    const message = new TextEncoder().encode('hello from the dapp')
    expect(nacl.sign.detached.verify(message, signature, account.publicKey)).toBe(true)

    // Without the stored session, the same kind of request is refused.
    const again = dapp.signMessage('again')
    await Promise.resolve()
    const wiped = createDeeplinkWallet({
      account,
      baseUrl,
      sessions: createStorageSessionStore(createMapStorage()),
    })
    await expect(wiped.parse(navigated[2]!)).rejects.toBeInstanceOf(UnauthorizedError)
    dapp.cancelPendingRequest()
    await expect(again).rejects.toThrow()
  })
})

function storedFields() {
  return {
    dappEncryptionPublicKey: 'GsbwXfJraMomNxBcjYLcG3mxkBUiyWXAB32fGbSMQRdW',
    walletEncryptionPublicKey: '11111111111111111111111111111111',
    walletEncryptionSecretKey: '11111111111111111111111111111111',
    session: 'token',
    appUrl: 'https://dapp.example',
    cluster: null,
    createdAt: 1,
  }
}

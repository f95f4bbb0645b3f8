import { describe, expect, it } from 'vitest'
import { createMemoryStorage, type DeeplinkStorage } from '../deeplink/deeplinkStorage.js'
import {
  ConnectionCancelledError,
  RelayNotConfiguredError,
  UnknownWalletProfileError,
} from '../errors/client.js'
import { InvalidArgumentError, UnknownRequestError } from '../errors/deeplink.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { createWalletClient } from './createWalletClient.js'

function createSpyStorage() {
  const inner = createMemoryStorage()
  const calls: string[] = []
  const storage: DeeplinkStorage = {
    getItem: (key) => {
      calls.push('get')
      return inner.getItem(key)
    },
    setItem: (key, value) => {
      calls.push('set')
      inner.setItem(key, value)
    },
    removeItem: (key) => {
      calls.push('remove')
      inner.removeItem(key)
    },
  }
  return { storage, calls }
}

describe('createWalletClient', () => {
  it('touches no storage when created, and refuses a bad config with InvalidArgumentError', () => {
    const { storage, calls } = createSpyStorage()
    const client = createWalletClient({
      appUrl: 'https://dapp.test',
      storage,
      relay: { url: 'http://127.0.0.1:9' },
    })
    expect(client.getState().status).toBe('disconnected')
    expect(client.mount()).toBeTypeOf('function')
    expect(calls).toEqual([])
    expect(() => createWalletClient({ appUrl: 'not a url' })).toThrow(InvalidArgumentError)
  })

  it('opens the Phantom connect deeplink and turns a 4001 answer into UserRejectedRequestError', async () => {
    const opened: string[] = []
    const client = createWalletClient({
      appUrl: 'https://dapp.test',
      redirectLink: 'https://dapp.test/app',
      storage: createMemoryStorage(),
      navigate: (url) => {
        opened.push(url)
      },
    })
    const connecting = client.connect({ wallet: 'phantom' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(client.getState()).toMatchObject({
      status: 'connecting',
      transport: 'deeplink',
      wallet: 'phantom',
    })
    expect(opened).toHaveLength(1)
    const request = new URL(opened[0]!)
    expect(`${request.origin}${request.pathname}`).toBe('https://phantom.app/ul/v1/connect')
    const redirectLink = new URL(request.searchParams.get('redirect_link')!)
    const requestId = redirectLink.searchParams.get('dapplink_id')!
    expect(requestId).toMatch(/^[1-9A-HJ-NP-Za-km-z]{8,44}$/)

    // The wallet's rejection, as Phantom appends it to the redirect link.
    const answer = `${redirectLink.href}&errorCode=4001&errorMessage=User%20rejected`
    expect(() => client.handleRedirect(answer)).toThrow(UserRejectedRequestError)
    await expect(connecting).rejects.toBeInstanceOf(UserRejectedRequestError)
    expect(client.getState()).toMatchObject({ status: 'disconnected', transport: null, pendingMethod: null })
    expect(client.getState().error).toBeInstanceOf(UserRejectedRequestError)
    // A URL without an answer is not one.
    expect(client.handleRedirect('https://dapp.test/app?tab=2')).toBeNull()
  })

  it('opens the wallet again on a repeated connect; the newest request wins', async () => {
    const opened: string[] = []
    const client = createWalletClient({
      appUrl: 'https://dapp.test',
      redirectLink: 'https://dapp.test/app',
      storage: createMemoryStorage(),
      navigate: (url) => {
        opened.push(url)
      },
    })
    const rejectionFor = (deeplink: string) =>
      `${new URL(deeplink).searchParams.get('redirect_link')}&errorCode=4001&errorMessage=no`
    const first = client.connect({ wallet: 'solflare' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    // The user came back without answering and taps again.
    const second = client.connect({ wallet: 'solflare' })
    await expect(first).rejects.toBeInstanceOf(ConnectionCancelledError)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(opened).toHaveLength(2)
    expect(opened[1]!.startsWith('https://solflare.com/ul/v1/connect?')).toBe(true)
    expect(client.getState()).toMatchObject({
      status: 'connecting',
      wallet: 'solflare',
      pendingMethod: 'connect',
    })

    // A late answer to the abandoned request is refused; the newer one still waits.
    expect(() => client.handleRedirect(rejectionFor(opened[0]!))).toThrow(UnknownRequestError)
    expect(client.getState().status).toBe('connecting')
    expect(() => client.handleRedirect(rejectionFor(opened[1]!))).toThrow(UserRejectedRequestError)
    await expect(second).rejects.toBeInstanceOf(UserRejectedRequestError)
    expect(client.getState().status).toBe('disconnected')
  })

  it('names the unknown wallet and the missing relay with typed errors', async () => {
    const client = createWalletClient({ appUrl: 'https://dapp.test', redirectLink: 'https://dapp.test/app' })
    await expect(client.connect({ wallet: 'nowallet' })).rejects.toBeInstanceOf(UnknownWalletProfileError)
    expect(client.getState().error?.message).toMatch(/Known profiles: phantom, solflare, backpack/)
    await expect(client.connect({ transport: 'relay' })).rejects.toBeInstanceOf(RelayNotConfiguredError)
  })

  it('loads the relay on the first QR pairing, shows its pairing URI, and cancels it on disconnect', async () => {
    const client = createWalletClient({
      appUrl: 'https://dapp.test',
      // Nothing listens there: the session keeps retrying until it is closed.
      relay: { url: 'http://127.0.0.1:9', relayTimeoutMs: 200, retryIntervalMs: 100 },
    })
    const pairing = client.connect({ transport: 'relay' })
    const deadline = Date.now() + 5_000
    while (client.getState().pairingUri === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    expect(client.getState()).toMatchObject({ status: 'connecting', transport: 'relay' })
    expect(client.getState().pairingUri).toMatch(/^dapplink:pair\?v=2&relay=http%3A%2F%2F127\.0\.0\.1%3A9&/)
    await client.disconnect()
    await expect(pairing).rejects.toBeInstanceOf(ConnectionCancelledError)
    expect(client.getState()).toMatchObject({ status: 'disconnected', pairingUri: null, error: null })
  })
})

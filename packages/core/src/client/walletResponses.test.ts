import { afterEach, describe, expect, it, vi } from 'vitest'
import { InvalidArgumentError, RequestCancelledError } from '../errors/deeplink.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { createWalletClientFromTransports } from './createWalletClientFromTransports.js'
import { createFakeTransports } from './test/createFakeTransports.js'
import type { WalletResponse } from './walletState.js'

const account = '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T'
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  vi.unstubAllGlobals()
})

async function connectedRelay() {
  const fake = createFakeTransports()
  const client = createWalletClientFromTransports({ transports: fake.factories })
  const attempt = client.connect({ transport: 'relay' })
  await flush()
  const relay = fake.relays[0]!
  relay.answer({ publicKey: account })
  await attempt
  return { client, relay, ...fake }
}

describe('watchResponse', () => {
  it('hands a relay answer to listeners with its context and a request id', async () => {
    const { client, relay } = await connectedRelay()
    const seen: WalletResponse[] = []
    client.watchResponse((response) => seen.push(response))
    const signing = client.signMessage('hello', { context: { note: 'login' } })
    relay.answer({ signature: new Uint8Array(64).fill(1) })
    await signing
    // The connect answer came before anybody watched: the first listener gets it first.
    expect(seen.map((response) => response.method)).toEqual(['connect', 'signMessage'])
    expect(seen.slice(1)).toEqual([
      {
        method: 'signMessage',
        requestId: expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{8,44}$/),
        wallet: null,
        context: { note: 'login' },
        result: { signature: new Uint8Array(64).fill(1) },
      },
    ])
  })

  it('refuses a context that is not JSON with InvalidArgumentError, before the wallet is asked', async () => {
    const { client, relay } = await connectedRelay()
    await expect(client.signMessage('hello', { context: { big: 1n } as never })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    expect(relay.calls.filter((call) => call.method === 'signMessage')).toHaveLength(0)
    expect(client.getState().pendingMethod).toBeNull()
  })

  it('keeps an answer read before anybody watched for the first listener only', () => {
    const url = 'https://dapp.example/?dapplink_id=abc'
    vi.stubGlobal('window', { location: { href: url } })
    const fake = createFakeTransports({ stored: { wallet: 'phantom', publicKey: account } })
    const answer: WalletResponse = {
      method: 'signTransaction',
      requestId: 'abc',
      wallet: 'phantom',
      context: { step: 2 },
      result: { transaction: new Uint8Array([1]) },
    }
    fake.deeplink.redirects.set(url, answer)
    const client = createWalletClientFromTransports({ transports: fake.factories })
    client.mount()
    const first: WalletResponse[] = []
    const second: WalletResponse[] = []
    const stop = client.watchResponse((response) => first.push(response))
    client.watchResponse((response) => second.push(response))
    expect(first).toEqual([answer])
    expect(second).toEqual([])
    stop()
  })
})

describe('restoring before the first render', () => {
  it('reports the stored session and pending request from the first getState() in a browser', () => {
    vi.stubGlobal('window', { location: { href: 'https://dapp.example/' } })
    const fake = createFakeTransports({
      stored: { wallet: 'phantom', publicKey: account },
      pending: { method: 'signMessage', wallet: 'phantom' },
    })
    const client = createWalletClientFromTransports({ transports: fake.factories })
    expect(client.getState()).toMatchObject({
      status: 'connected',
      wallet: 'phantom',
      publicKey: account,
      pendingMethod: 'signMessage',
    })
    expect(client.getServerState().status).toBe('disconnected')
  })

  it('shows a pending deeplink connect as connecting, never disconnected', () => {
    vi.stubGlobal('window', { location: { href: 'https://dapp.example/' } })
    const fake = createFakeTransports({ pending: { method: 'connect', wallet: 'solflare' } })
    const client = createWalletClientFromTransports({ transports: fake.factories })
    expect(client.getState()).toMatchObject({
      status: 'connecting',
      wallet: 'solflare',
      pendingMethod: 'connect',
    })
  })
})

describe('cancelPendingRequest, clearError and disconnect', () => {
  it('frees the page from a request the user walked away from', async () => {
    const { client, relay } = await connectedRelay()
    const signing = client.signMessage('hello')
    expect(client.getState().pendingMethod).toBe('signMessage')
    expect(client.cancelPendingRequest()).toBe(true)
    await expect(signing).rejects.toBeInstanceOf(RequestCancelledError)
    expect(client.getState().pendingMethod).toBeNull()
    expect(client.cancelPendingRequest()).toBe(false)
    // The late answer changes nothing.
    relay.answer({ signature: new Uint8Array(64) })
    await flush()
    expect(client.getState()).toMatchObject({ status: 'connected', pendingMethod: null })
  })

  it('cancels a restored pending deeplink request in storage too', () => {
    vi.stubGlobal('window', { location: { href: 'https://dapp.example/' } })
    const fake = createFakeTransports({
      stored: { wallet: 'phantom', publicKey: account },
      pending: { method: 'signMessage', wallet: 'phantom' },
    })
    const client = createWalletClientFromTransports({ transports: fake.factories })
    expect(client.getState().pendingMethod).toBe('signMessage')
    expect(client.cancelPendingRequest()).toBe(true)
    expect(fake.deeplink.transports.get('phantom')!.cancelled).toBe(1)
    expect(client.getState().pendingMethod).toBeNull()
  })

  it('clears the error on clearError() and on disconnect()', async () => {
    const { client, relay } = await connectedRelay()
    const signing = client.signMessage('hello')
    relay.fail(new UserRejectedRequestError())
    await expect(signing).rejects.toBeInstanceOf(UserRejectedRequestError)
    expect(client.getState().error).toBeInstanceOf(UserRejectedRequestError)
    client.clearError()
    expect(client.getState().error).toBeNull()

    const again = client.signMessage('hello')
    relay.fail(new UserRejectedRequestError())
    await expect(again).rejects.toBeInstanceOf(UserRejectedRequestError)
    await client.disconnect()
    expect(client.getState()).toMatchObject({ status: 'disconnected', error: null })
  })

  it('passes notifyWallet to the deeplink transport', async () => {
    vi.stubGlobal('window', { location: { href: 'https://dapp.example/' } })
    const fake = createFakeTransports({ stored: { wallet: 'phantom', publicKey: account } })
    const client = createWalletClientFromTransports({ transports: fake.factories })
    client.mount()
    await client.disconnect({ notifyWallet: true })
    expect(fake.deeplink.transports.get('phantom')!.disconnectOptions).toEqual([{ notifyWallet: true }])
  })
})

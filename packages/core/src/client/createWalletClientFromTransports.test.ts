import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  ConnectionCancelledError,
  RelayNotConfiguredError,
  WalletNotSelectedError,
} from '../errors/client.js'
import { InvalidArgumentError, NotConnectedError } from '../errors/deeplink.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { createWalletClientFromTransports } from './createWalletClientFromTransports.js'
import { createFakeTransports } from './test/createFakeTransports.js'
import type { WalletState } from './walletState.js'

const account = '9xgMXw7nrN39BoN9rJuGV6B9LwBNYXAJAMfeACcdyLMP'

/** Records every state the client goes through. */
function record(client: { watchState(listener: (state: WalletState) => void): () => void }) {
  const states: WalletState[] = []
  client.watchState((state) => states.push(state))
  return states
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('createWalletClientFromTransports', () => {
  it('starts disconnected, with the server snapshot equal to the first client snapshot', () => {
    const { factories } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    expect(client.getState()).toBe(client.getServerState())
    expect(client.getState()).toMatchObject({ status: 'disconnected', publicKey: null, transport: null })
  })

  it('walks a relay pairing through connecting, pairing, verification, connected, paused and cleared', async () => {
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const states = record(client)

    const connecting = client.connect({ transport: 'relay' })
    expect(client.getState()).toMatchObject({
      status: 'connecting',
      transport: 'relay',
      pendingMethod: 'connect',
    })
    await flush()
    const relay = relays[0]!
    relay.context.update({ pairingUri: 'dapplink:pair?v=1', walletLink: 'https://wallet.example/pair#uri=x' })
    expect(client.getState().pairingUri).toBe('dapplink:pair?v=1')
    relay.context.update({ verificationCode: '123456' })
    expect(client.getState()).toMatchObject({ status: 'connecting', verificationCode: '123456' })

    relay.answer({ publicKey: account })
    await expect(connecting).resolves.toEqual({ publicKey: account })
    expect(client.getState()).toMatchObject({
      status: 'connected',
      publicKey: account,
      transport: 'relay',
      pairingUri: null,
      // Kept for the whole session: the wallet still shows it.
      verificationCode: '123456',
      pendingMethod: null,
    })

    relay.context.update({ status: 'paused' })
    expect(client.getState()).toMatchObject({ status: 'paused', verificationCode: '123456' })
    relay.context.update({ status: 'connected' })
    const closed = new Error('wallet gone')
    relay.context.update({ status: 'disconnected', error: closed })
    expect(client.getState()).toMatchObject({
      status: 'disconnected',
      publicKey: null,
      transport: null,
      verificationCode: null,
      error: closed,
    })

    expect(states.map((state) => state.status)).toEqual([
      'connecting',
      'connecting',
      'connecting',
      'connected',
      'paused',
      'connected',
      'disconnected',
    ])
  })

  it('keeps the relay verification code while the session lives and clears it on disconnect()', async () => {
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const connecting = client.connect({ transport: 'relay' })
    await flush()
    relays[0]!.context.update({ verificationCode: '654321' })
    relays[0]!.answer({ publicKey: account })
    await connecting
    expect(client.getState()).toMatchObject({ status: 'connected', verificationCode: '654321' })
    relays[0]!.context.update({ status: 'reconnecting' })
    relays[0]!.context.update({ status: 'connected' })
    expect(client.getState().verificationCode).toBe('654321')

    await client.disconnect()
    expect(client.getState()).toMatchObject({ status: 'disconnected', verificationCode: null })
  })

  it('joins a second connect() to the first instead of opening a second session', async () => {
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const first = client.connect({ transport: 'relay' })
    const second = client.connect({ transport: 'relay' })
    expect(second).toBe(first)
    await flush()
    expect(relays).toHaveLength(1)
    relays[0]!.answer({ publicKey: account })
    await first
    // Connected already: no new session either.
    await expect(client.connect({ transport: 'relay' })).resolves.toEqual({ publicKey: account })
    expect(relays).toHaveLength(1)
  })

  it('cancels a pending connect when another wallet is chosen, closing the relay session', async () => {
    const { factories, relays, deeplink } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const relayAttempt = client.connect({ transport: 'relay' })
    await flush()
    const phantomAttempt = client.connect({ wallet: 'phantom' })
    await expect(relayAttempt).rejects.toBeInstanceOf(ConnectionCancelledError)
    await flush()
    expect(relays[0]!.disconnects).toBe(1)
    expect(relays[0]!.destroyed).toBe(1)
    expect(client.getState()).toMatchObject({
      status: 'connecting',
      transport: 'deeplink',
      wallet: 'phantom',
    })
    // A stale transport's reports are ignored.
    relays[0]!.context.update({ status: 'paused' })
    expect(client.getState().status).toBe('connecting')
    deeplink.transports.get('phantom')!.answer({ publicKey: account })
    await expect(phantomAttempt).resolves.toEqual({ publicKey: account })
  })

  it('needs a chosen wallet unless exactly one deeplink wallet and no relay are configured', async () => {
    const many = createWalletClientFromTransports({ transports: createFakeTransports().factories })
    await expect(many.connect()).rejects.toBeInstanceOf(WalletNotSelectedError)
    expect(many.getState().error).toBeInstanceOf(WalletNotSelectedError)

    const single = createFakeTransports({ profiles: ['phantom'], relay: false })
    const client = createWalletClientFromTransports({ transports: single.factories })
    void client.connect()
    expect(client.getState()).toMatchObject({ status: 'connecting', wallet: 'phantom' })
    await expect(client.connect({ transport: 'relay' })).rejects.toBeInstanceOf(RelayNotConfiguredError)
  })

  it('puts a failed connect into the state and rethrows the typed error', async () => {
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const attempt = client.connect({ transport: 'relay' })
    await flush()
    relays[0]!.fail(new UserRejectedRequestError())
    await expect(attempt).rejects.toBeInstanceOf(UserRejectedRequestError)
    expect(client.getState().status).toBe('disconnected')
    expect(client.getState().error).toBeInstanceOf(UserRejectedRequestError)
    expect(relays[0]!.destroyed).toBe(1)
  })

  it('signs through the connected transport, tracking the pending method and errors', async () => {
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    await expect(client.signMessage('hello')).rejects.toBeInstanceOf(NotConnectedError)

    const attempt = client.connect({ transport: 'relay' })
    await flush()
    const relay = relays[0]!
    relay.answer({ publicKey: account })
    await attempt

    const signature = new Uint8Array(64).fill(7)
    const signing = client.signMessage('hello')
    expect(client.getState().pendingMethod).toBe('signMessage')
    expect(relay.calls[1]).toMatchObject({
      method: 'signMessage',
      args: [new TextEncoder().encode('hello'), { display: 'utf8' }],
    })
    relay.answer({ signature })
    await expect(signing).resolves.toEqual({ signature })
    expect(client.getState().pendingMethod).toBeNull()

    // Bytes that are not UTF-8 are shown as hex.
    void client.signMessage(new Uint8Array([0xff, 0xfe])).catch(() => {})
    expect(relay.calls[2]!.args[1]).toMatchObject({ display: 'hex' })
    relay.fail(new UserRejectedRequestError())
    await flush()
    expect(client.getState()).toMatchObject({ status: 'connected', pendingMethod: null })
    expect(client.getState().error).toBeInstanceOf(UserRejectedRequestError)
  })

  it('gives signed transactions back in the type they came in', async () => {
    class FakeTransaction {
      constructor(readonly bytes: Uint8Array) {}
      serialize(config?: { requireAllSignatures?: boolean }) {
        if (config?.requireAllSignatures !== false) throw new Error('missing signature')
        return this.bytes
      }
      static from(bytes: Uint8Array) {
        return new FakeTransaction(bytes)
      }
    }
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const attempt = client.connect({ transport: 'relay' })
    await flush()
    const relay = relays[0]!
    relay.answer({ publicKey: account })
    await attempt

    const signingBytes = client.signTransaction(new Uint8Array([1, 2, 3]))
    relay.answer({ transaction: new Uint8Array([9, 9]) })
    await expect(signingBytes).resolves.toEqual({ transaction: new Uint8Array([9, 9]) })

    const signingAll = client.signAllTransactions([new FakeTransaction(new Uint8Array([1]))])
    expect(relay.calls[2]!.args[0]).toEqual([new Uint8Array([1])])
    relay.answer({ transactions: [new Uint8Array([4, 4])] })
    const [signed] = (await signingAll).transactions
    expect(signed).toBeInstanceOf(FakeTransaction)
    expect(signed!.bytes).toEqual(new Uint8Array([4, 4]))

    await expect(client.signTransaction({} as Uint8Array)).rejects.toBeInstanceOf(InvalidArgumentError)
  })

  it('disconnects through disconnecting to disconnected and frees the relay socket', async () => {
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const attempt = client.connect({ transport: 'relay' })
    await flush()
    relays[0]!.answer({ publicKey: account })
    await attempt
    const states = record(client)
    await client.disconnect()
    expect(states.map((state) => state.status)).toEqual(['disconnecting', 'disconnected'])
    expect(relays[0]!.disconnects).toBe(1)
    expect(relays[0]!.destroyed).toBe(1)
    await expect(client.signMessage('x')).rejects.toBeInstanceOf(NotConnectedError)
  })

  it('does nothing on mount without a window (server rendering)', () => {
    const { factories, deeplinkCreated } = createFakeTransports({
      stored: { wallet: 'phantom', publicKey: account },
    })
    const client = createWalletClientFromTransports({ transports: factories })
    const release = client.mount()
    release()
    expect(deeplinkCreated()).toBe(0)
    expect(client.getState()).toBe(client.getServerState())
  })

  it('restores a stored deeplink session and reads the redirect once across StrictMode remounts', async () => {
    const url = 'https://dapp.example/?dapplink_id=abc'
    vi.stubGlobal('window', { location: { href: url } })
    const { factories, deeplink } = createFakeTransports({
      stored: { wallet: 'solflare', publicKey: account },
    })
    const client = createWalletClientFromTransports({ transports: factories })
    const redirect = {
      method: 'signMessage' as const,
      requestId: 'abc',
      wallet: 'solflare',
      context: undefined,
      result: { signature: new Uint8Array(64) },
    }
    deeplink.redirects.set(url, redirect)
    const release = client.mount()
    expect(client.getState()).toMatchObject({
      status: 'connected',
      wallet: 'solflare',
      publicKey: account,
    })
    release()
    const releaseAgain = client.mount()
    await flush()
    expect(client.getState().lastResponse).toBe(redirect)
    client.clearLastResponse()
    release()
    releaseAgain()
    client.mount()
    await flush()
    // Read once per client: a remount does not deliver the same answer again.
    expect(client.getState().lastResponse).toBeNull()
    expect(client.getState().status).toBe('connected')
  })

  it('turns a connect redirect into a connected state and a failed one into an error', async () => {
    const { factories, deeplink } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    expect(client.handleRedirect('https://dapp.example/')).toBeNull()
    const connectAnswer = {
      method: 'connect' as const,
      requestId: 'ok',
      wallet: 'phantom',
      context: { from: 'test' },
      result: { publicKey: account },
    }
    deeplink.redirects.set('https://dapp.example/?ok', connectAnswer)
    deeplink.redirects.set('https://dapp.example/?no', new UserRejectedRequestError())

    expect(client.handleRedirect('https://dapp.example/?ok')).toEqual(connectAnswer)
    expect(client.getState()).toMatchObject({
      status: 'connected',
      wallet: 'phantom',
      publicKey: account,
    })

    await client.disconnect()
    void client.connect({ wallet: 'phantom' })
    expect(() => client.handleRedirect('https://dapp.example/?no')).toThrow(UserRejectedRequestError)
    expect(client.getState().status).toBe('disconnected')
    expect(client.getState().error).toBeInstanceOf(UserRejectedRequestError)
  })

  it('closes an open relay session when the last mount is released', async () => {
    vi.stubGlobal('window', { location: { href: 'https://dapp.example/' } })
    const { factories, relays } = createFakeTransports()
    const client = createWalletClientFromTransports({ transports: factories })
    const release = client.mount()
    const attempt = client.connect({ transport: 'relay' })
    await flush()
    relays[0]!.answer({ publicKey: account })
    await attempt
    release()
    expect(client.getState().status).toBe('connected')
    await flush()
    await flush()
    expect(relays[0]!.disconnects).toBe(1)
    expect(relays[0]!.destroyed).toBe(1)
    expect(client.getState().status).toBe('disconnected')
  })
})

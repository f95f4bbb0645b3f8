import { Keypair, PublicKey, SystemProgram, Transaction } from '@solana/web3.js'
import bs58 from 'bs58'
import fc from 'fast-check'
import nacl from 'tweetnacl'
import { describe, expect, it, vi } from 'vitest'
import { DapplinkError } from '../errors/base.js'
import {
  DecryptionError,
  InvalidArgumentError,
  InvalidResponseError,
  NavigationError,
  NotConnectedError,
  RequestCancelledError,
  RequestExpiredError,
  RequestPendingError,
  UnknownRequestError,
  UnsupportedMethodError,
  UrlTooLongError,
} from '../errors/deeplink.js'
import {
  InternalWalletError,
  UnauthorizedError,
  UserRejectedRequestError,
  WalletRpcError,
} from '../errors/walletRpc.js'
import { createDeeplinkClient } from './createDeeplinkClient.js'
import type { CreateDeeplinkClientParameters } from './deeplinkClient.js'
import { createMemoryStorage } from './deeplinkStorage.js'
import { defineWalletProfile, type WalletProfile } from './walletProfile.js'
import { backpack, phantom, solflare } from './walletProfiles.js'

// A wallet written against the wire format with tweetnacl and bs58 directly, independent of dapplink's code.
function createTestWallet(keyParam = 'phantom_encryption_public_key') {
  const encryption = nacl.box.keyPair()
  const account = nacl.sign.keyPair()
  const session = bs58.encode(
    nacl.sign(
      new TextEncoder().encode(JSON.stringify({ app_url: 'https://dapp.example', chain: 'solana' })),
      account.secretKey,
    ),
  )
  const answer = (redirectLink: string, params: Record<string, string>) => {
    const url = new URL(redirectLink)
    for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value)
    return url.href
  }
  const seal = (
    data: unknown,
    dappPublicKey: Uint8Array,
    walletSecretKey = encryption.secretKey,
    nonce = nacl.randomBytes(24),
  ) => ({
    nonce: bs58.encode(nonce),
    data: bs58.encode(
      nacl.box(new TextEncoder().encode(JSON.stringify(data)), nonce, dappPublicKey, walletSecretKey),
    ),
  })
  return {
    account,
    encryption,
    /** A genuine signMessage signature: the requested message signed by the account. */
    signFor(link: string) {
      return bs58.encode(nacl.sign.detached(bs58.decode(this.read(link).payload.message), account.secretKey))
    },
    session,
    seal,
    answer,
    /** Reads a deeplink the way a wallet does. */
    read(link: string) {
      const url = new URL(link)
      const query = Object.fromEntries(url.searchParams)
      const method = url.pathname.split('/').pop()!
      const dappPublicKey = bs58.decode(query['dapp_encryption_public_key']!)
      const redirectLink = query['redirect_link']!
      if (method === 'connect') return { method, query, dappPublicKey, redirectLink, payload: null }
      const plaintext = nacl.box.open(
        bs58.decode(query['payload']!),
        bs58.decode(query['nonce']!),
        dappPublicKey,
        encryption.secretKey,
      )
      if (!plaintext) throw new Error('test wallet could not decrypt')
      return {
        method,
        query,
        dappPublicKey,
        redirectLink,
        payload: JSON.parse(new TextDecoder().decode(plaintext)),
      }
    },
    approveConnect(link: string) {
      const { redirectLink, dappPublicKey } = this.read(link)
      return answer(redirectLink, {
        [keyParam]: bs58.encode(encryption.publicKey),
        ...seal({ public_key: bs58.encode(account.publicKey), session }, dappPublicKey),
      })
    },
    approve(link: string, data: unknown) {
      const { redirectLink, dappPublicKey } = this.read(link)
      return answer(redirectLink, seal(data, dappPublicKey))
    },
    reject(link: string, code: string, message = 'Rejected') {
      return answer(this.read(link).redirectLink, { errorCode: code, errorMessage: message })
    },
  }
}

type TestWallet = ReturnType<typeof createTestWallet>

function setup(overrides: Partial<CreateDeeplinkClientParameters> = {}) {
  const storage = overrides.storage ?? createMemoryStorage()
  const links: string[] = []
  const make = (more: Partial<CreateDeeplinkClientParameters> = {}) =>
    createDeeplinkClient({
      profile: phantom,
      appUrl: 'https://dapp.example',
      redirectLink: 'https://dapp.example/return',
      cluster: 'devnet',
      navigate: (url) => {
        links.push(url)
      },
      ...overrides,
      storage,
      ...more,
    })
  return { storage, links, make, lastLink: () => links[links.length - 1]! }
}

async function connected(wallet: TestWallet, overrides: Partial<CreateDeeplinkClientParameters> = {}) {
  const context = setup(overrides)
  const client = context.make()
  const promise = client.connect()
  client.handleRedirect(wallet.approveConnect(context.lastLink()))
  await promise
  return { ...context, client }
}

describe('createDeeplinkClient', () => {
  it('connects: plaintext link, answer delivered to the promise and the state', async () => {
    const wallet = createTestWallet()
    const { make, lastLink, links } = setup()
    const client = make()
    expect(client.getState()).toMatchObject({
      status: 'disconnected',
      publicKey: null,
      wallet: 'phantom',
      pendingRequest: null,
    })
    const promise = client.connect()
    expect(links).toHaveLength(1)
    const { method, query, redirectLink } = wallet.read(lastLink())
    expect(method).toBe('connect')
    expect(query).toMatchObject({ app_url: 'https://dapp.example', cluster: 'devnet' })
    expect(new URL(redirectLink).searchParams.get('dapplink_id')).toBe(client.getState().pendingRequest?.id)
    expect(client.getState()).toMatchObject({ status: 'connecting', pendingRequest: { method: 'connect' } })

    const delivered = client.handleRedirect(wallet.approveConnect(lastLink()))
    const result = await promise
    expect(result).toEqual({
      publicKey: bs58.encode(wallet.account.publicKey),
      session: wallet.session,
      sessionVerified: true,
    })
    expect(delivered).toEqual({
      method: 'connect',
      requestId: expect.any(String),
      wallet: 'phantom',
      context: undefined,
      result,
    })
    expect(client.getState()).toMatchObject({
      status: 'connected',
      publicKey: result.publicKey,
      sessionVerified: true,
      cluster: 'devnet',
      pendingRequest: null,
      lastResponse: delivered,
      lastError: null,
    })
  })

  it('uses a new dapp key pair for every connect', async () => {
    const wallet = createTestWallet()
    const { client, lastLink } = await connected(wallet)
    const first = wallet.read(lastLink()).query['dapp_encryption_public_key']
    const promise = client.connect()
    expect(wallet.read(lastLink()).query['dapp_encryption_public_key']).not.toBe(first)
    client.cancelPendingRequest()
    await expect(promise).rejects.toBeInstanceOf(RequestCancelledError)
  })

  it('survives reloads: request from one instance, answer to a new instance on the same storage', async () => {
    const wallet = createTestWallet()
    const { make, lastLink } = setup()
    void make().connect() // the page then navigates away; this promise never settles

    const afterConnect = make() // the reloaded page
    expect(afterConnect.getState().status).toBe('connecting')
    const connectAnswer = afterConnect.handleRedirect(wallet.approveConnect(lastLink()))
    expect(connectAnswer?.method).toBe('connect')
    expect(afterConnect.getState()).toMatchObject({ status: 'connected', lastResponse: connectAnswer })

    const message = 'Sign in to dapp.example'
    void afterConnect.signMessage(message)
    const request = wallet.read(lastLink())
    expect(request.payload).toEqual({
      message: bs58.encode(new TextEncoder().encode(message)),
      session: wallet.session,
      display: 'utf8',
    })
    const signature = nacl.sign.detached(bs58.decode(request.payload.message), wallet.account.secretKey)

    const afterSign = make() // another reload
    expect(afterSign.getState()).toMatchObject({
      status: 'connected',
      pendingRequest: { method: 'signMessage' },
    })
    const delivered = afterSign.handleRedirect(
      wallet.approve(lastLink(), { signature: bs58.encode(signature) }),
    )
    expect(delivered).toEqual({
      method: 'signMessage',
      requestId: expect.any(String),
      wallet: 'phantom',
      context: undefined,
      result: { signature },
    })
    if (delivered?.method !== 'signMessage') throw new Error('expected signMessage')
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode(message),
        delivered.result.signature,
        wallet.account.publicKey,
      ),
    ).toBe(true)
    expect(afterSign.getState().lastResponse).toBe(delivered)
  })

  it('round-trips every method through the same instance', async () => {
    const wallet = createTestWallet('solflare_encryption_public_key')
    const { client, lastLink } = await connected(wallet, { profile: solflare })
    const payer = Keypair.generate()
    const transaction = new Transaction({
      feePayer: payer.publicKey,
      recentBlockhash: new PublicKey(new Uint8Array(32).fill(3)).toBase58(),
    }).add(SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: payer.publicKey, lamports: 1 }))
    const bytes = Uint8Array.from(transaction.serialize({ requireAllSignatures: false }))

    const signed = client.signTransaction(transaction)
    expect(wallet.read(lastLink())).toMatchObject({
      method: 'signTransaction',
      payload: { transaction: bs58.encode(bytes) },
    })
    client.handleRedirect(wallet.approve(lastLink(), { transaction: bs58.encode(bytes) }))
    expect(await signed).toEqual({ transaction: bytes })

    const all = client.signAllTransactions([bytes, transaction])
    expect(wallet.read(lastLink()).payload.transactions).toEqual([bs58.encode(bytes), bs58.encode(bytes)])
    client.handleRedirect(
      wallet.approve(lastLink(), { transactions: [bs58.encode(bytes), bs58.encode(bytes)] }),
    )
    expect(await all).toEqual({ transactions: [bytes, bytes] })

    const sent = client.signAndSendTransaction(bytes, { sendOptions: { skipPreflight: true } })
    expect(wallet.read(lastLink()).payload).toEqual({
      transaction: bs58.encode(bytes),
      sendOptions: { skipPreflight: true },
      session: wallet.session,
    })
    const signature = bs58.encode(nacl.randomBytes(64))
    client.handleRedirect(wallet.approve(lastLink(), { signature }))
    expect(await sent).toEqual({ transactionSignature: signature })

    const hex = client.signMessage(new Uint8Array([1, 2]), { display: 'hex' })
    expect(wallet.read(lastLink()).payload).toMatchObject({
      display: 'hex',
      message: bs58.encode(new Uint8Array([1, 2])),
    })
    expect(() =>
      client.handleRedirect(wallet.reject(lastLink(), '4001', 'User rejected the request.')),
    ).toThrow(UserRejectedRequestError)
    await expect(hex).rejects.toBeInstanceOf(UserRejectedRequestError)
    expect(client.getState()).toMatchObject({
      status: 'connected',
      lastError: expect.any(UserRejectedRequestError),
    })

    const bye = client.disconnect()
    expect(client.getState()).toMatchObject({
      status: 'disconnected',
      publicKey: null,
      pendingRequest: { method: 'disconnect' },
    })
    expect(wallet.read(lastLink()).payload).toEqual({ session: wallet.session })
    const disconnectAnswer = new URL(wallet.read(lastLink()).redirectLink).href // a disconnect answer carries nothing
    expect(client.handleRedirect(disconnectAnswer)).toMatchObject({ method: 'disconnect', result: null })
    expect(await bye).toBeNull()
  })

  it('returns null for URLs that are not dapplink answers', async () => {
    const { client } = await connected(createTestWallet())
    const before = client.getState()
    expect(client.handleRedirect('https://dapp.example/return?page=2')).toBeNull()
    expect(client.getState()).toBe(before)
  })

  it('allows one request in flight; cancelPendingRequest abandons it', async () => {
    const wallet = createTestWallet()
    const { client, lastLink, make } = await connected(wallet)
    const first = client.signMessage('one')
    const firstLink = lastLink()
    await expect(client.signMessage('two')).rejects.toBeInstanceOf(RequestPendingError)
    await expect(client.connect()).rejects.toThrow(/still waiting for the wallet/)
    expect(client.cancelPendingRequest()).toBe(true)
    await expect(first).rejects.toBeInstanceOf(RequestCancelledError)
    expect(client.cancelPendingRequest()).toBe(false)
    // The late answer is refused, also by a reloaded instance.
    const late = wallet.approve(firstLink, { signature: bs58.encode(nacl.randomBytes(64)) })
    expect(() => make().handleRedirect(late)).toThrow(UnknownRequestError)
    expect(() => client.handleRedirect(late)).toThrow(/abandoned/)
    void client.signMessage('three')
    expect(client.getState().pendingRequest?.method).toBe('signMessage')
  })

  it('rejects expired answers and lets a new request replace an expired one', async () => {
    let time = 1_000_000
    const wallet = createTestWallet()
    const { client, lastLink, make } = await connected(wallet, { now: () => time, requestTtlMs: 60_000 })
    const first = client.signMessage('late')
    const link = lastLink()
    time += 61_000
    expect(() =>
      make().handleRedirect(wallet.approve(link, { signature: bs58.encode(nacl.randomBytes(64)) })),
    ).toThrow(RequestExpiredError)
    expect(() =>
      client.handleRedirect(wallet.approve(link, { signature: bs58.encode(nacl.randomBytes(64)) })),
    ).toThrow(RequestExpiredError)
    await expect(first).rejects.toBeInstanceOf(RequestExpiredError)
    expect(client.getState().pendingRequest).toBeNull()

    const second = client.signMessage('stale')
    time += 61_000
    const third = client.signMessage('fresh') // the expired request no longer blocks
    await expect(second).rejects.toBeInstanceOf(RequestExpiredError)
    client.handleRedirect(wallet.approve(lastLink(), { signature: wallet.signFor(lastLink()) }))
    await expect(third).resolves.toMatchObject({ signature: expect.any(Uint8Array) })
  })

  it('delivers an answer once: a reload with the answer still in the URL is ignored without an error', async () => {
    const wallet = createTestWallet()
    const { client, lastLink, make } = await connected(wallet)
    void client.signMessage('once')
    const answer = wallet.approve(lastLink(), { signature: wallet.signFor(lastLink()) })
    const seen: string[] = []
    client.watchResponse((response) => seen.push(response.method))
    expect(client.handleRedirect(answer)?.method).toBe('signMessage')
    expect(client.handleRedirect(answer)).toBeNull()
    const reloaded = make()
    expect(reloaded.handleRedirect(answer)).toBeNull()
    expect(seen).toEqual(['signMessage'])
    expect(client.getState().lastError).toBeNull()
    expect(reloaded.getState().lastError).toBeNull()
  })

  it('wipes the session on 4100 and the pending request on a decryption failure', async () => {
    const wallet = createTestWallet()
    const { client, lastLink } = await connected(wallet)
    const signing = client.signMessage('x')
    const tampered = new URL(wallet.approve(lastLink(), { signature: bs58.encode(nacl.randomBytes(64)) }))
    const data = bs58.decode(tampered.searchParams.get('data')!)
    data[3]! ^= 0x10
    tampered.searchParams.set('data', bs58.encode(data))
    expect(() => client.handleRedirect(tampered)).toThrow(DecryptionError)
    await expect(signing).rejects.toBeInstanceOf(DecryptionError)
    expect(client.getState()).toMatchObject({ status: 'connected', pendingRequest: null })

    const again = client.signMessage('y')
    expect(() => client.handleRedirect(wallet.reject(lastLink(), '4100', 'Unauthorized'))).toThrow(
      UnauthorizedError,
    )
    await expect(again).rejects.toBeInstanceOf(UnauthorizedError)
    expect(client.getState()).toMatchObject({ status: 'disconnected', publicKey: null, pendingRequest: null })
    await expect(client.signMessage('z')).rejects.toBeInstanceOf(NotConnectedError)
  })

  it('maps an unknown error code to WalletRpcError with the code', async () => {
    const wallet = createTestWallet()
    const { client, lastLink } = await connected(wallet)
    const signing = client.signTransaction(new Uint8Array([1, 2, 3]))
    expect(() => client.handleRedirect(wallet.reject(lastLink(), '-32099'))).toThrow(WalletRpcError)
    await expect(signing).rejects.toMatchObject({ code: -32099, name: 'WalletRpcError' })
  })

  it('disconnect wipes the session and a pending request; notifyWallet: false stays on the page', async () => {
    const wallet = createTestWallet()
    const { client, links, make } = await connected(wallet)
    const pending = client.signMessage('abandoned by disconnect')
    const count = links.length
    await expect(client.disconnect({ notifyWallet: false })).resolves.toBeNull()
    await expect(pending).rejects.toBeInstanceOf(RequestCancelledError)
    expect(links).toHaveLength(count)
    expect(make().getState()).toMatchObject({ status: 'disconnected', pendingRequest: null, publicKey: null })
  })

  it('throws typed errors for calls it cannot make', async () => {
    const { make, links } = setup()
    await expect(make().signMessage('x')).rejects.toBeInstanceOf(NotConnectedError)
    const messagesOnly = defineWalletProfile({
      id: 'messages-only',
      name: 'Messages only',
      baseUrl: 'https://m.example/ul/v1/',
      encryptionPublicKeyParam: 'wallet_encryption_public_key',
      methods: ['connect', 'signMessage'],
    })
    const wallet = createTestWallet('wallet_encryption_public_key')
    const { client } = await connected(wallet, { profile: messagesOnly })
    await expect(client.signTransaction(new Uint8Array([1]))).rejects.toBeInstanceOf(UnsupportedMethodError)
    await expect(client.signMessage(42 as never)).rejects.toThrow(/Uint8Array or a string/)
    const full = await connected(createTestWallet())
    await expect(full.client.signAllTransactions([])).rejects.toThrow(/non-empty array/)
    await expect(full.client.signTransaction({} as never)).rejects.toThrow(/serialize\(\)/)
    expect(links).toHaveLength(0)
  })

  it('refuses an oversized deeplink before storing or opening it', async () => {
    const wallet = createTestWallet()
    const { client, links } = await connected(wallet, { maxUrlLength: 2_000 })
    const count = links.length
    await expect(client.signTransaction(nacl.randomBytes(5_000))).rejects.toBeInstanceOf(UrlTooLongError)
    expect(links).toHaveLength(count)
    expect(client.getState().pendingRequest).toBeNull()
  })

  it('withdraws the request when navigation fails', async () => {
    const { make, storage } = setup({
      navigate: () => {
        throw new Error('blocked')
      },
    })
    const client = make()
    await expect(client.connect()).rejects.toBeInstanceOf(NavigationError)
    expect(client.getState()).toMatchObject({
      status: 'disconnected',
      pendingRequest: null,
      lastError: expect.any(NavigationError),
    })
    expect(storage.getItem('dapplink.deeplink.pending')).toBeNull()
  })

  it('needs no window: default storage is memory and the default navigate fails with a typed error', async () => {
    expect((globalThis as { window?: unknown }).window).toBeUndefined()
    const client = createDeeplinkClient({
      profile: backpack,
      appUrl: 'https://dapp.example',
      redirectLink: 'https://dapp.example/',
    })
    await expect(client.connect()).rejects.toBeInstanceOf(NavigationError)
  })

  it('opens deeplinks with window.location.assign by default, looked up when used', async () => {
    const assign = vi.fn()
    vi.stubGlobal('window', { location: { assign } })
    try {
      const client = createDeeplinkClient({
        profile: phantom,
        appUrl: 'https://dapp.example',
        redirectLink: 'https://dapp.example/',
        storage: createMemoryStorage(),
      })
      void client.connect()
      expect(assign).toHaveBeenCalledOnce()
      expect(String(assign.mock.calls[0]![0]).startsWith('https://phantom.app/ul/v1/connect?')).toBe(true)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('keeps the state snapshot stable between changes and notifies watchers', async () => {
    const wallet = createTestWallet()
    const { make, lastLink } = setup()
    const client = make()
    const first = client.getState()
    expect(client.getState()).toBe(first)
    const seen: string[] = []
    const unsubscribe = client.watchState((state, previous) => {
      expect(previous).not.toBe(state)
      seen.push(state.status)
    })
    const connecting = client.connect()
    expect(client.getState()).not.toBe(first)
    const snapshot = client.getState()
    expect(client.getState()).toBe(snapshot)
    client.handleRedirect(wallet.approveConnect(lastLink()))
    await connecting
    expect(seen).toEqual(['connecting', 'connected'])
    unsubscribe()
    await client.disconnect({ notifyWallet: false })
    expect(seen).toEqual(['connecting', 'connected'])
  })

  it('refuses a misconfigured client where it is created', () => {
    const base = { profile: phantom, appUrl: 'https://dapp.example', redirectLink: 'https://dapp.example/' }
    expect(() => createDeeplinkClient({ ...base, redirectLink: 'https://dapp.example/#/return' })).toThrow(
      /#fragment/,
    )
    expect(() => createDeeplinkClient({ ...base, appUrl: 'dapp.example' })).toThrow(InvalidArgumentError)
    expect(() => createDeeplinkClient({ ...base, profile: { ...phantom, baseUrl: 'phantom' } })).toThrow(
      InvalidArgumentError,
    )
    expect(() => createDeeplinkClient({ ...base, cluster: 'localnet' as 'devnet' })).toThrow(
      InvalidArgumentError,
    )
    expect(() => createDeeplinkClient({ ...base, requestTtlMs: 0 })).toThrow(
      /requestTtlMs must be a positive number/,
    )
  })

  it('a wallet error answering disconnect is delivered as that typed error', async () => {
    const wallet = createTestWallet()
    const { client, lastLink } = await connected(wallet)
    const bye = client.disconnect()
    expect(() => client.handleRedirect(wallet.reject(lastLink(), '-32603'))).toThrow(InternalWalletError)
    await expect(bye).rejects.toBeInstanceOf(InternalWalletError)
    expect(client.getState().status).toBe('disconnected')
  })

  it('keeps working when a state listener throws', async () => {
    const wallet = createTestWallet()
    const { make, lastLink } = setup()
    const client = make()
    client.getState()
    const thrown: unknown[] = []
    const onError = (error: unknown) => thrown.push(error)
    process.on('uncaughtException', onError)
    try {
      client.watchState(() => {
        throw new Error('listener bug')
      })
      const connecting = client.connect()
      client.handleRedirect(wallet.approveConnect(lastLink()))
      await expect(connecting).resolves.toMatchObject({ sessionVerified: true })
      await new Promise((resolve) => setTimeout(resolve, 0))
    } finally {
      process.off('uncaughtException', onError)
    }
    expect(thrown.length).toBeGreaterThan(0)
  })

  it('ignores corrupt storage instead of crashing', () => {
    const storage = createMemoryStorage()
    storage.setItem('dapplink.deeplink.session', '{"profile": 1')
    storage.setItem('dapplink.deeplink.pending', JSON.stringify({ id: 'x', method: 'connect' }))
    storage.setItem('dapplink.deeplink.closed', 'null')
    const client = setup({ storage }).make()
    expect(client.getState()).toMatchObject({ status: 'disconnected', pendingRequest: null })
    expect(storage.getItem('dapplink.deeplink.session')).toBeNull()
  })

  it('accepts the fallback *_encryption_public_key on connect', async () => {
    const wallet = createTestWallet('wallet_encryption_public_key')
    const { client } = await connected(wallet, { profile: phantom })
    expect(client.getState().status).toBe('connected')
  })
})

// Hostile answers: every mutation of a genuine answer must end in a typed error, never a wrong success.
describe('handleRedirect with hostile answers', () => {
  type Mutation = (
    url: URL,
    context: { wallet: TestWallet; dappPublicKey: Uint8Array; method: string },
  ) => void
  const base58Garbage = fc.constantFrom('0', 'O', 'I', 'l', '+', '/', '=', ' ', 'é', '%', '\u0000')
  const mutations: fc.Arbitrary<[string, Mutation]> = fc.oneof(
    fc
      .tuple(fc.constant('flip a bit of data'), fc.nat(), fc.integer({ min: 0, max: 7 }))
      .map(([name, position, bit]): [string, Mutation] => [
        name,
        (url) => {
          const data = bs58.decode(url.searchParams.get('data')!)
          data[position % data.length]! ^= 1 << bit
          url.searchParams.set('data', bs58.encode(data))
        },
      ]),
    fc
      .tuple(
        fc.constant('wrong nonce length'),
        fc.integer({ min: 0, max: 64 }).filter((length) => length !== 24),
      )
      .map(([name, length]): [string, Mutation] => [
        name,
        (url) => url.searchParams.set('nonce', bs58.encode(nacl.randomBytes(length))),
      ]),
    fc
      .tuple(fc.constant('bad base58'), fc.constantFrom('nonce', 'data'), base58Garbage, fc.nat())
      .map(([name, field, character, position]): [string, Mutation] => [
        name,
        (url) => {
          const value = url.searchParams.get(field)!
          const at = position % (value.length + 1)
          url.searchParams.set(field, value.slice(0, at) + character + value.slice(at))
        },
      ]),
    fc.constant<[string, Mutation]>([
      'sealed by another wallet key',
      (url, { wallet, dappPublicKey }) => {
        const { nonce, data } = wallet.seal({ signature: 'x' }, dappPublicKey, nacl.box.keyPair().secretKey)
        url.searchParams.set('nonce', nonce)
        url.searchParams.set('data', data)
      },
    ]),
    fc
      .tuple(fc.constant('JSON of the wrong shape'), fc.jsonValue({ maxDepth: 3 }))
      .map(([name, json]): [string, Mutation] => [
        name,
        (url, { wallet, dappPublicKey }) => {
          const { nonce, data } = wallet.seal(json, dappPublicKey)
          url.searchParams.set('nonce', nonce)
          url.searchParams.set('data', data)
        },
      ]),
    fc
      .tuple(
        fc.constant('huge field'),
        fc.constantFrom('nonce', 'data', 'errorMessage', 'junk'),
        fc.integer({ min: 65_000, max: 200_000 }),
      )
      .map(([name, field, length]): [string, Mutation] => [
        name,
        (url) => url.searchParams.set(field, '2'.repeat(length)),
      ]),
    fc
      .tuple(fc.constant('duplicate param'), fc.constantFrom('nonce', 'data', 'dapplink_id', 'errorCode'))
      .map(([name, field]): [string, Mutation] => [
        name,
        (url) => url.searchParams.append(field, url.searchParams.get(field) ?? '4001'),
      ]),
    fc
      .tuple(fc.constant('unknown id'), fc.uint8Array({ minLength: 8, maxLength: 32 }))
      .map(([name, bytes]): [string, Mutation] => [
        name,
        (url) => url.searchParams.set('dapplink_id', bs58.encode(bytes)),
      ]),
    fc
      .tuple(fc.constant('malformed id'), fc.string({ maxLength: 50 }))
      .map(([name, id]): [string, Mutation] => [
        name,
        (url) => url.searchParams.set('dapplink_id', `${id}0`),
      ]),
    fc
      .tuple(
        fc.constant('garbage errorCode'),
        fc.string({ maxLength: 20 }).filter((code) => !/^\s*-?\d{1,9}\s*$/.test(code)),
      )
      .map(([name, code]): [string, Mutation] => [name, (url) => url.searchParams.set('errorCode', code)]),
    fc
      .tuple(fc.constant('missing field'), fc.constantFrom('nonce', 'data', 'phantom_encryption_public_key'))
      .map(([name, field]): [string, Mutation] => [name, (url) => url.searchParams.delete(field)]),
  )

  for (const method of ['connect', 'signMessage', 'signAllTransactions'] as const) {
    it(`${method}: every mutation ends in a typed error`, async () => {
      await fc.assert(
        fc.asyncProperty(mutations, async ([name, mutate]) => {
          const wallet = createTestWallet()
          const context = setup({ profile: phantom as WalletProfile })
          let client = context.make()
          let genuine: string
          if (method === 'connect') {
            void client.connect()
            genuine = wallet.approveConnect(context.lastLink())
          } else {
            const connecting = client.connect()
            client.handleRedirect(wallet.approveConnect(context.lastLink()))
            await connecting
            if (method === 'signMessage') void client.signMessage('hello')
            else void client.signAllTransactions([new Uint8Array([1]), new Uint8Array([2])])
            genuine = wallet.approve(
              context.lastLink(),
              method === 'signMessage'
                ? { signature: wallet.signFor(context.lastLink()) }
                : { transactions: [bs58.encode(new Uint8Array([1])), bs58.encode(new Uint8Array([2]))] },
            )
          }
          const url = new URL(genuine)
          const { dappPublicKey } = wallet.read(context.lastLink())
          mutate(url, { wallet, dappPublicKey, method })
          if (url.href === genuine) return // the mutation happened to change nothing
          client = context.make() // answered after a reload
          let outcome: unknown = 'succeeded'
          try {
            outcome = client.handleRedirect(url.href)
          } catch (error) {
            outcome = error
          }
          if (
            name === 'missing field' &&
            method !== 'connect' &&
            url.searchParams.has('nonce') &&
            url.searchParams.has('data')
          )
            return // removing the wallet key param from a non-connect answer is harmless
          expect(outcome, `${method} / ${name}`).toBeInstanceOf(DapplinkError)
          expect((outcome as DapplinkError).constructor).not.toBe(DapplinkError)
          expect(client.getState().lastError).toBe(outcome)
          if (outcome instanceof DecryptionError) expect(client.getState().pendingRequest).toBeNull()
          // Errors that do not settle the request leave the session alone.
          if (
            method !== 'connect' &&
            (outcome instanceof UnknownRequestError || outcome instanceof InvalidResponseError)
          )
            expect(client.getState().status).toBe('connected')
        }),
        { numRuns: method === 'connect' ? 150 : 100 },
      )
    })
  }

  it('a forged answer with an unknown id leaves the pending request alive for the genuine one', async () => {
    const wallet = createTestWallet()
    const { client, lastLink, make } = await connected(wallet)
    const signing = client.signMessage('hello')
    const genuine = wallet.approve(lastLink(), { signature: wallet.signFor(lastLink()) })
    const forged = new URL(genuine)
    forged.searchParams.set('dapplink_id', bs58.encode(nacl.randomBytes(16)))
    expect(() => make().handleRedirect(forged)).toThrow(UnknownRequestError)
    expect(client.handleRedirect(genuine)?.method).toBe('signMessage')
    await expect(signing).resolves.toMatchObject({ signature: expect.any(Uint8Array) })
  })
})

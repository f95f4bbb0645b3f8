import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DapplinkError } from '../errors/base.js'
import {
  HandshakeTimeoutError,
  InsecureRelayUrlError,
  RequestAbortedError,
  RequestTimeoutError,
  SessionClosedError,
  WakeUpUnavailableError,
} from '../errors/relay.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { FakeSessionTimers } from '../test/fakeSessionTimers.js'
import { createMemoryRelay, type MemoryRelay } from '../test/memoryRelay.js'
import { type CreateRelaySessionParameters, createRelaySession } from './createRelaySession.js'
import { parsePairingUri } from './pairingUri.js'
import type { RelayTransport, RelayTransportFactory } from './relayTransport.js'
import type { JsonRpcRequest } from './rpc.js'
import { createSessionEngine, type RelaySessionState, type SessionEngineParameters } from './sessionEngine.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(predicate: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition')
    await sleep(5)
  }
}

const fast = { retryIntervalMs: 100, handshakeTimeoutMs: 2_000, peerTimeoutMs: 2_000 }
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function startDapp(relay: MemoryRelay, options: Partial<CreateRelaySessionParameters> = {}) {
  const errors: DapplinkError[] = []
  const session = createRelaySession({
    relayUrl: 'ws://127.0.0.1:1',
    app: { name: 'Test', url: 'https://dapp.example' },
    transport: relay.transport,
    onError: (error) => errors.push(error),
    ...fast,
    ...options,
  })
  cleanups.push(() => session.disconnect())
  return { session, errors }
}

/** A minimal wallet on the shared engine: answers `{ echo: params }`, or what `answer` returns. */
function startWallet(
  transport: RelayTransportFactory,
  pairingUri: string,
  options: Partial<Extract<SessionEngineParameters, { role: 'wallet' }>> & {
    answer?: (request: JsonRpcRequest) => object
  } = {},
) {
  const pairing = parsePairingUri(pairingUri)
  const errors: DapplinkError[] = []
  const requests: JsonRpcRequest[] = []
  const engine = createSessionEngine({
    role: 'wallet',
    relayUrl: pairing.relayUrl,
    channelId: pairing.channelId,
    secret: pairing.secret,
    dappPublicKey: pairing.dappPublicKey,
    transport,
    onError: (error) => errors.push(error),
    ...fast,
    ...options,
    onMessage(message) {
      if (message.kind !== 'request') return
      requests.push(message.request)
      const response = options.answer?.(message.request) ?? { result: { echo: message.request.params } }
      void engine.send({ jsonrpc: '2.0', id: message.request.id, ...response } as never)
    },
  })
  engine.start()
  cleanups.push(() => engine.close('disconnected', { leave: false }))
  return { engine, errors, requests }
}

/** `relay`'s transport with `call` or `subscribe` replaced; `inner` is the real one. */
function wrapTransport(
  relay: MemoryRelay,
  replace: (inner: RelayTransport) => Partial<Pick<RelayTransport, 'call' | 'subscribe'>>,
): RelayTransportFactory {
  return (url, options) => {
    const inner = relay.transport(url, options)
    return {
      ...inner,
      get connected() {
        return inner.connected
      },
      ...replace(inner),
    }
  }
}

describe('createRelaySession (in-memory relay)', () => {
  it('puts the app name and URL in the pairing URI unless appInPairingUri is false (a smaller QR code)', async () => {
    const relay = createMemoryRelay()
    const withApp = parsePairingUri(startDapp(relay).session.pairingUri)
    expect([withApp.name, withApp.url]).toEqual(['Test', 'https://dapp.example'])
    const { session } = startDapp(relay, { appInPairingUri: false })
    const bare = parsePairingUri(session.pairingUri)
    expect([bare.name, bare.url]).toEqual([undefined, undefined])
    expect(session.pairingUri).not.toContain('name=')
    // The wallet still learns both, authenticated, from `connect`.
    const wallet = startWallet(relay.transport, session.pairingUri)
    // The echo wallet shares no account, so connect itself fails; only the request matters here.
    const connected = session.connect().catch(() => {})
    await until(() => wallet.requests.length === 1)
    expect(wallet.requests[0]).toMatchObject({
      method: 'connect',
      params: { appName: 'Test', appUrl: 'https://dapp.example' },
    })
    await connected
  })

  it('pairs, corks early requests, answers in order, matches codes, and terminates both sides', async () => {
    const relay = createMemoryRelay()
    const { session, errors } = startDapp(relay)
    expect(session.getState()).toEqual({
      status: 'connecting',
      reason: undefined,
      verificationCode: undefined,
    })
    const first = session.request('request', { n: 1 })
    const wallet = startWallet(relay.transport, session.pairingUri)
    const second = session.request('request', { n: 2 })
    expect(await first).toEqual({ echo: { n: 1 } })
    expect(await second).toEqual({ echo: { n: 2 } })
    expect(wallet.requests.map((request) => request.params)).toEqual([{ n: 1 }, { n: 2 }])
    expect(session.getState().status).toBe('connected')
    expect(session.getState().verificationCode).toMatch(/^\d{6}$/)
    expect(session.getState().verificationCode).toBe(wallet.engine.getState().verificationCode)
    await session.disconnect()
    expect(session.getState()).toMatchObject({ status: 'cleared', reason: 'disconnected' })
    await until(() => wallet.engine.getState().status === 'cleared')
    expect(wallet.engine.getState().reason).toBe('terminated')
    expect(errors).toEqual([])
    expect(wallet.errors).toEqual([])
  })

  it('keeps the state snapshot referentially stable between changes and reports each transition', async () => {
    const relay = createMemoryRelay()
    // The dapp's waits run on fake time; its ACK frame going out (the ack delay, after the answer) is seen here.
    const timers = new FakeSessionTimers()
    let ackFramesSent = 0
    const countingAcks = wrapTransport(relay, (inner) => ({
      call: (event, payload, timeoutMs) => {
        const frame = (payload as { frame?: Uint8Array }).frame
        if (event === 'send' && frame?.[1] === 17) ackFramesSent++
        return inner.call(event, payload, timeoutMs)
      },
    }))
    const { session } = startDapp(relay, { timers, transport: countingAcks })
    const seen: RelaySessionState['status'][] = []
    session.watchState((state) => seen.push(state.status))
    expect(session.getState()).toBe(session.getState())
    await until(() => relay.memberCount === 1) // the channel exists before the wallet scans
    startWallet(relay.transport, session.pairingUri)
    await session.request('request', {})
    const snapshot = session.getState()
    timers.advance(100) // past the ack delay
    await until(() => ackFramesSent === 1)
    expect(session.getState()).toBe(snapshot)
    expect(seen).toEqual(['handshaking', 'connected'])
  })

  it('maps JSON-RPC errors to the typed wallet errors', async () => {
    const relay = createMemoryRelay()
    const { session } = startDapp(relay)
    startWallet(relay.transport, session.pairingUri, {
      answer: () => ({ error: { code: 4001, message: 'nope' } }),
    })
    const error = await session.signMessage('hi').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserRejectedRequestError)
    expect((error as UserRejectedRequestError).walletMessage).toBe('nope')
  })

  it('times out and aborts a request without ending the session', async () => {
    const relay = createMemoryRelay()
    const { session } = startDapp(relay)
    const wallet = startWallet(relay.transport, session.pairingUri)
    // 1 ms is shorter than any round trip; the late answer is then dropped.
    await expect(session.request('request', { late: true }, { timeoutMs: 1 })).rejects.toBeInstanceOf(
      RequestTimeoutError,
    )
    const controller = new AbortController()
    const aborted = session.request('request', {}, { signal: controller.signal })
    controller.abort(new Error('user left'))
    await expect(aborted).rejects.toBeInstanceOf(RequestAbortedError)
    expect(await session.request('request', { n: 3 })).toEqual({ echo: { n: 3 } })
    expect(wallet.requests).toHaveLength(3)
    expect(session.getState().status).toBe('connected')
  })

  it('fails the handshake with HandshakeTimeoutError when the wallet never gets KEY', async () => {
    const relay = createMemoryRelay()
    const { session } = startDapp(relay, { handshakeTimeoutMs: 300 })
    const pending = session.connect()
    // The wallet's transport loses every frame for it, so it never sees KEY.
    const deaf = wrapTransport(relay, (inner) => ({
      subscribe: (listener) => inner.subscribe((event) => event.type !== 'frame' && listener(event)),
    }))
    // The dapp's clock starts at the first HELLO; the wallet's at pairing, so it gets more time here.
    const wallet = startWallet(deaf, session.pairingUri, { handshakeTimeoutMs: 1_500 })
    const error = await pending.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(HandshakeTimeoutError)
    expect(error).toBeInstanceOf(SessionClosedError)
    expect(session.getState()).toMatchObject({ status: 'cleared', reason: 'handshake-timeout' })
    // The dapp deleted the channel, which tells the wallet before its own timeout.
    await until(() => wallet.engine.getState().status === 'cleared')
    expect(wallet.engine.getState().reason).toBe('relay-closed')
    await expect(wallet.engine.handshake).rejects.toBeInstanceOf(SessionClosedError)
  })

  it('recovers a lost dapp DNE: the wallet re-sends its DNE and the connected dapp answers it', async () => {
    const relay = createMemoryRelay()
    let droppedDone = 0
    // Drops the dapp's first DNE; the wallet's DNE still arrives, so the dapp is done and stops re-sending.
    const lossy = wrapTransport(relay, (inner) => ({
      call(event, payload, timeoutMs) {
        const frame = payload['frame']
        if (event === 'send' && frame instanceof Uint8Array && frame[1] === 3 && droppedDone++ === 0)
          return Promise.resolve({ ok: true, id: 0 })
        return inner.call(event, payload, timeoutMs)
      },
    }))
    const { session } = startDapp(relay, { transport: lossy })
    const wallet = startWallet(relay.transport, session.pairingUri)
    await wallet.engine.handshake
    expect(droppedDone).toBeGreaterThanOrEqual(2)
    expect(wallet.engine.getState().verificationCode).toBe(session.getState().verificationCode)
    expect(await session.request('request', { n: 1 })).toEqual({ echo: { n: 1 } })
  })

  it('pairs a wallet that scans before the channel exists: it joins again soon, unreported', async () => {
    const relay = createMemoryRelay()
    let createChannel!: () => void
    const channelCreatable = new Promise<void>((resolve) => {
      createChannel = resolve
    })
    // The dapp's `create` waits until the wallet was refused, as when a wallet scans very fast.
    const slowCreate = wrapTransport(relay, (inner) => ({
      async call(event, payload, timeoutMs) {
        if (event === 'create') await channelCreatable
        return inner.call(event, payload, timeoutMs)
      },
    }))
    const joins: unknown[] = []
    const recordJoins = wrapTransport(relay, (inner) => ({
      async call(event, payload, timeoutMs) {
        const answer = await inner.call(event, payload, timeoutMs)
        if (event === 'join') joins.push(answer)
        return answer
      },
    }))
    const { session, errors } = startDapp(relay, { transport: slowCreate })
    // Waiting a whole retry interval before joining again would outlast this handshake timeout.
    const wallet = startWallet(recordJoins, session.pairingUri, {
      retryIntervalMs: 1_600,
      handshakeTimeoutMs: 1_400,
    })
    await until(() => joins.length > 0)
    expect(joins[0]).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    createChannel()
    await wallet.engine.handshake
    expect(joins.at(-1)).toMatchObject({ ok: true })
    // The dapp learns the code from the wallet's DNE (its reveal), possibly after the wallet completed.
    await until(() => session.getState().status === 'connected')
    expect(wallet.engine.getState().verificationCode).toBe(session.getState().verificationCode)
    expect(await session.request('request', { n: 1 })).toEqual({ echo: { n: 1 } })
    expect(wallet.errors).toEqual([])
    expect(errors).toEqual([])
  })

  it('resolves disconnect() offline and rejects pending requests with SessionClosedError', async () => {
    const offline: RelayTransportFactory = () => ({
      connected: false,
      open() {},
      close() {},
      call: () => Promise.reject(new Error('offline')),
      subscribe: () => () => {},
    })
    const { session } = startDapp(createMemoryRelay(), { transport: offline })
    const pending = session.request('request', {})
    await session.disconnect()
    const error = await pending.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SessionClosedError)
    expect((error as SessionClosedError).reason).toBe('disconnected')
    await expect(session.request('request', {})).rejects.toBeInstanceOf(SessionClosedError)
  })

  it('survives a relay restart: no request lost, none executed twice', async () => {
    const relay = createMemoryRelay()
    const { session } = startDapp(relay)
    const wallet = startWallet(relay.transport, session.pairingUri)
    await session.connect().catch(() => {})
    const before = Array.from({ length: 5 }, (_, n) => session.request('request', { n }))
    relay.restart(150)
    await until(() => session.getState().status === 'reconnecting')
    const during = Array.from({ length: 5 }, (_, n) => session.request('request', { n: n + 5 }))
    const results = await Promise.all([...before, ...during])
    expect(results).toHaveLength(10)
    const executed = wallet.requests
      .map((request) => (request.params as { n?: number }).n)
      .filter((n) => n !== undefined)
    expect(executed).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    await until(() => session.getState().status === 'connected')
  })

  it('shows paused while the wallet pauses; queued requests are answered after resume', async () => {
    const relay = createMemoryRelay()
    const timers = new FakeSessionTimers()
    const { session } = startDapp(relay, { peerTimeoutMs: 100, timers })
    await until(() => relay.memberCount === 1) // the channel exists before the wallet scans
    const wallet = startWallet(relay.transport, session.pairingUri, { peerTimeoutMs: 100, timers })
    await session.request('request', {})
    await wallet.engine.pause()
    await until(() => session.getState().status === 'paused')
    const queued = session.request('request', { queued: true })
    timers.advance(300) // longer than the peer timeout: a paused wallet is not gone
    await sleep(30) // relay I/O only; fake time stands still
    expect(session.getState().status).toBe('paused')
    expect(wallet.requests).toHaveLength(1)
    wallet.engine.resume()
    expect(await queued).toEqual({ echo: { queued: true } })
    await until(() => session.getState().status === 'connected')
  })

  it('ends with wallet-gone when the wallet drops without pausing', async () => {
    const relay = createMemoryRelay()
    let walletTransport: ReturnType<RelayTransportFactory> | undefined
    const { session } = startDapp(relay, { peerTimeoutMs: 200 })
    startWallet((url, options) => {
      walletTransport = relay.transport(url, options)
      return walletTransport
    }, session.pairingUri)
    await session.request('request', {})
    walletTransport!.close()
    await until(() => session.getState().status === 'reconnecting')
    const pending = session.request('request', {})
    const error = await pending.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SessionClosedError)
    expect((error as SessionClosedError).reason).toBe('wallet-gone')
    expect(session.getState()).toMatchObject({ status: 'cleared', reason: 'wallet-gone' })
  })

  it('opens the wake-up link with the injected navigate, and says why it cannot otherwise', () => {
    const relay = createMemoryRelay()
    const navigate = vi.fn()
    const { session } = startDapp(relay, { walletLinkBaseUrl: 'https://wallet.example/', navigate })
    expect(session.walletLink).toMatch(/^https:\/\/wallet\.example\/pair#uri=dapplink%3Apair%3F/)
    session.wakeUp()
    expect(navigate).toHaveBeenCalledWith(
      expect.stringMatching(/^https:\/\/wallet\.example\/relay#channel=[\w-]{22}$/),
    )
    const { session: bare } = startDapp(relay)
    expect(() => bare.wakeUp()).toThrow(WakeUpUnavailableError)
  })

  it('opens the wake-up link in the named wallet tab (or a new one) by default, so the page and its session stay', async () => {
    const relay = createMemoryRelay()
    const open = vi.fn()
    const assign = vi.fn()
    vi.stubGlobal('window', { open, addEventListener: () => {}, removeEventListener: () => {} })
    vi.stubGlobal('location', { assign })
    try {
      const { session } = startDapp(relay, { walletLinkBaseUrl: 'https://wallet.example/' })
      session.wakeUp()
      expect(open).toHaveBeenCalledWith(
        expect.stringMatching(/^https:\/\/wallet\.example\/relay#channel=[\w-]{22}$/),
        'dapplink-wallet',
        'noopener',
      )
      expect(assign).not.toHaveBeenCalled()
      expect(session.getState().status).not.toBe('cleared')

      // Without window.open (no browser window), it navigates this page as the last resort.
      vi.stubGlobal('window', undefined)
      const { session: windowless } = startDapp(relay, { walletLinkBaseUrl: 'https://wallet.example/' })
      windowless.wakeUp()
      expect(assign).toHaveBeenCalledWith(
        expect.stringMatching(/^https:\/\/wallet\.example\/relay#channel=[\w-]{22}$/),
      )
      expect(open).toHaveBeenCalledTimes(1)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('sends a sealed terminate on pagehide, and only listens while the session is open', async () => {
    const listeners = new Map<string, () => void>()
    const fakeWindow = {
      addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
      removeEventListener: (type: string) => listeners.delete(type),
    }
    vi.stubGlobal('window', fakeWindow)
    try {
      const relay = createMemoryRelay()
      const { session } = startDapp(relay)
      expect(listeners.has('pagehide')).toBe(true)
      // This wallet ignores the relay's `closed`: only the sealed terminate can end its session.
      const ignoresClosed = wrapTransport(relay, (inner) => ({
        subscribe: (listener) => inner.subscribe((event) => event.type !== 'closed' && listener(event)),
      }))
      const wallet = startWallet(ignoresClosed, session.pairingUri)
      await session.request('request', {})
      await sleep(50) // lets the terminate frame be sealed ahead
      listeners.get('pagehide')!()
      expect(session.getState()).toMatchObject({ status: 'cleared', reason: 'page-hidden' })
      expect(listeners.has('pagehide')).toBe(false)
      await until(() => wallet.engine.getState().status === 'cleared')
      expect(wallet.engine.getState().reason).toBe('terminated')
    } finally {
      vi.unstubAllGlobals()
    }
  })
})

describe('non-persistence', () => {
  it('a whole dapp session touches no storage API', async () => {
    const touched: string[] = []
    const recorder = (name: string) =>
      new Proxy(
        {},
        {
          get: (_, property) => {
            touched.push(`${name}.${String(property)}`)
            return () => null
          },
        },
      )
    vi.stubGlobal('localStorage', recorder('localStorage'))
    vi.stubGlobal('sessionStorage', recorder('sessionStorage'))
    vi.stubGlobal('indexedDB', recorder('indexedDB'))
    const cookieDocument = {}
    Object.defineProperty(cookieDocument, 'cookie', {
      get: () => {
        touched.push('document.cookie')
        return ''
      },
      set: () => touched.push('document.cookie='),
    })
    vi.stubGlobal('document', cookieDocument)
    try {
      const relay = createMemoryRelay()
      const { session } = startDapp(relay)
      startWallet(relay.transport, session.pairingUri)
      await session.connect().catch(() => {})
      await session.signMessage('x').catch(() => {})
      await session.disconnect()
      expect(touched).toEqual([])
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('the relay source references no storage API', () => {
    const folder = fileURLToPath(new URL('.', import.meta.url))
    const sources = readdirSync(folder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    expect(sources.length).toBeGreaterThan(10)
    for (const name of sources)
      expect(readFileSync(`${folder}/${name}`, 'utf8')).not.toMatch(
        /localStorage|sessionStorage|indexedDB|document\.cookie/,
      )
  })
})

describe('createRelaySession relay URL', () => {
  it('refuses ws: and http: relay URLs outside localhost with InsecureRelayUrlError', () => {
    for (const relayUrl of ['ws://relay.example', 'http://relay.example:8787'])
      expect(() => createRelaySession({ relayUrl, app: { name: 'x', url: 'https://x' } })).toThrow(
        InsecureRelayUrlError,
      )
    expect(() => createRelaySession({ relayUrl: 'not a url', app: { name: 'x', url: 'https://x' } })).toThrow(
      InsecureRelayUrlError,
    )
  })
})

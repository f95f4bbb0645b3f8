import {
  createEciesKeyPair,
  createHello,
  createRelaySession,
  type DapplinkError,
  encodeBase64Url,
  HandshakeTimeoutError,
  MessageTooLargeError,
  parsePairingUri,
} from '@dapplink/core/relay'
import { pairWithDapp } from '@dapplink/wallet/relay'
import { io, type Socket } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import {
  createAccount,
  createInterceptor,
  errorNames,
  fastTiming,
  pairSessions,
  sleep,
  until,
  useRelayProcess,
} from './sessionHarness.js'

// Each attack is rejected with a typed error while the honest session goes on: after every attack the
// test sends an honest request and checks it ran exactly once.

const fixture = useRelayProcess()
const { cleanups } = fixture

const frameTypeOf = (frame: Uint8Array) => frame[1]
const DATA = 16
const HELLO = 1

async function rawSocket(): Promise<Socket> {
  const socket = io(fixture.relay.url, { transports: ['websocket'], forceNew: true, reconnection: false })
  cleanups.push(() => socket.disconnect())
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('raw socket did not connect')), 5_000)
    socket.once('connect', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  return socket
}

const emit = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(3_000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: { code: string } }>

/** Pairs with an interceptor on the wallet's side, so the test plays the relay towards the wallet. */
async function pairWithWalletInterceptor(wallet: Parameters<typeof pairSessions>[1] = {}) {
  const interceptor = createInterceptor()
  const pair = await pairSessions(fixture.relay.url, {
    ...wallet,
    wallet: { ...wallet.wallet, transport: interceptor.factory },
  })
  cleanups.push(
    () => pair.dapp.disconnect(),
    () => pair.wallet.close(),
  )
  return { ...pair, interceptor }
}

async function honestRequestStillWorks(pair: Awaited<ReturnType<typeof pairSessions>>, method = 'honest') {
  const before = pair.executions.get(method) ?? 0
  await expect(pair.dapp.request('request', { method })).resolves.toMatchObject({ method })
  expect(pair.executions.get(method)).toBe(before + 1)
}

describe('adversarial relay and third parties', () => {
  it('refuses a third joiner, sends and acks from non-members', async () => {
    const pair = await pairSessions(fixture.relay.url)
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    const channel = encodeBase64Url(parsePairingUri(pair.dapp.pairingUri).channelId)
    const intruder = await rawSocket()
    const token = encodeBase64Url(new Uint8Array(32).fill(1))
    expect(await emit(intruder, 'join', { v: 1, channel, role: 'wallet', token })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
    expect(await emit(intruder, 'join', { v: 1, channel, role: 'dapp', token })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    })
    expect(await emit(intruder, 'send', { channel, frame: new Uint8Array(40) })).toMatchObject({
      ok: false,
      error: { code: 'not_member' },
    })
    await honestRequestStillWorks(pair)
    expect(pair.dapp.getState().status).toBe('connected')
  })

  it('a party with the channel id but not the secret can neither join nor handshake', async () => {
    const dappInterceptor = createInterceptor()
    const dappErrors: DapplinkError[] = []
    const dapp = createRelaySession({
      relayUrl: fixture.relay.url,
      app: { name: 'Victim', url: 'https://victim.example' },
      transport: dappInterceptor.factory,
      onError: (error) => dappErrors.push(error),
      ...fastTiming,
    })
    cleanups.push(() => dapp.disconnect())
    const pairing = parsePairingUri(dapp.pairingUri)
    const channel = encodeBase64Url(pairing.channelId)
    await until(() => dappInterceptor.transport?.connected === true)
    await sleep(100)

    // Through the relay: a wallet with a guessed secret is refused at join and times out.
    const guessed = dapp.pairingUri.replace(
      /secret=[^&]+/,
      `secret=${encodeBase64Url(new Uint8Array(32).fill(5))}`,
    )
    await expect(
      pairWithDapp({
        pairingUri: guessed,
        account: createAccount(),
        onRequest: () => true,
        handshakeTimeoutMs: 600,
        retryIntervalMs: 100,
      }),
    ).rejects.toBeInstanceOf(HandshakeTimeoutError)

    // As the relay itself: a HELLO MACed without the secret is rejected by the dapp.
    const forged = await createHello({
      channelId: pairing.channelId,
      dappPublicKey: pairing.dappPublicKey,
      authKey: new Uint8Array(32).fill(6),
    })
    dappInterceptor.inject({ type: 'frame', payload: { channel, id: 1_000, frame: forged.frame } })
    await until(() => dappErrors.length > 0)
    expect(errorNames(dappErrors)).toEqual(['HandshakeAuthenticationError'])
    expect(dapp.getState().status).toBe('connecting')

    // The honest wallet still pairs.
    const wallet = await pairWithDapp({
      pairingUri: dapp.pairingUri,
      account: createAccount(),
      onRequest: () => true,
      ...fastTiming,
    })
    cleanups.push(() => wallet.close())
    expect((await dapp.connect()).accounts).toHaveLength(1)
  })

  it('rejects a HELLO whose wallet key was substituted; the genuine re-sent HELLO pairs', async () => {
    const dappInterceptor = createInterceptor()
    let substituted = 0
    dappInterceptor.rewrite((frame) => {
      if (frameTypeOf(frame) !== HELLO || substituted > 0) return frame
      substituted++
      const forged = frame.slice()
      forged.set(createEciesKeyPair().publicKey, 28)
      return forged
    })
    const pair = await pairSessions(fixture.relay.url, { dapp: { transport: dappInterceptor.factory } })
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    expect(substituted).toBe(1)
    expect(errorNames(pair.dappErrors)).toContain('HandshakeAuthenticationError')
    expect(pair.dapp.getState().verificationCode).toBe(pair.wallet.verificationCode)
    await honestRequestStillWorks(pair)
  })

  it('never delivers plaintext injected by the relay', async () => {
    const pair = await pairWithWalletInterceptor()
    const { interceptor } = pair
    const channel = interceptor.received[0]!.channel
    const request = JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'request', params: { method: 'evil' } })
    interceptor.inject({ type: 'frame', payload: { channel, id: 5_000, frame: request } })
    interceptor.inject({ type: 'frame', payload: { channel, id: 5_001, frame: JSON.parse(request) } })
    // Plaintext behind a well-formed header with the next seq.
    const lastData = [...interceptor.received]
      .reverse()
      .find((entry) => frameTypeOf(entry.frame) === DATA)!.frame
    const header = lastData.slice(0, 28)
    new DataView(header.buffer).setUint32(20, new DataView(lastData.buffer).getUint32(20) + 1)
    interceptor.inject({
      type: 'frame',
      payload: {
        channel,
        id: 5_002,
        frame: new Uint8Array([...header, ...new TextEncoder().encode(request)]),
      },
    })
    await until(() => pair.walletErrors.length >= 3)
    expect(errorNames(pair.walletErrors)).toEqual([
      'UnexpectedFrameError',
      'UnexpectedFrameError',
      'DecryptionError',
    ])
    expect(pair.executions.get('evil')).toBeUndefined()
    await honestRequestStillWorks(pair)
  })

  it('drops one identical re-delivery silently and rejects a replay; the request ran once', async () => {
    const pair = await pairWithWalletInterceptor()
    await pair.dapp.request('request', { method: 'pay' })
    const { interceptor } = pair
    const original = [...interceptor.received].reverse().find((entry) => frameTypeOf(entry.frame) === DATA)!
    interceptor.inject({ type: 'frame', payload: { ...original, id: original.id + 100 } })
    interceptor.inject({ type: 'frame', payload: { ...original, id: original.id + 101 } })
    await until(() => pair.walletErrors.length >= 1)
    // The wallet handles relay events one at a time, in order: once an honest request sent after the
    // injected frames is answered, both were handled.
    await honestRequestStillWorks(pair)
    expect(errorNames(pair.walletErrors)).toEqual(['ReplayError'])
    expect(pair.executions.get('pay')).toBe(1)
  })

  it('rejects a reordered frame; the sender re-sends the gap and each request runs once, in order', async () => {
    const pair = await pairWithWalletInterceptor()
    const { interceptor } = pair
    const order: string[] = []
    interceptor.hold((frame) => frameTypeOf(frame) === DATA)
    const first = pair.dapp.request('request', { method: 'first' })
    const second = pair.dapp.request('request', { method: 'second' })
    void first.then(() => order.push('first'))
    void second.then(() => order.push('second'))
    await until(() => interceptor.heldCount >= 2, 5_000, 'two held frames')
    interceptor.release((held) => [...held].reverse())
    await Promise.all([first, second])
    expect(errorNames(pair.walletErrors)).toContain('OutOfOrderError')
    expect(pair.executions.get('first')).toBe(1)
    expect(pair.executions.get('second')).toBe(1)
    expect(order).toEqual(['first', 'second'])
    await honestRequestStillWorks(pair)
  })

  it('rejects a frame with a flipped bit; the re-sent original runs once', async () => {
    const pair = await pairWithWalletInterceptor()
    const { interceptor } = pair
    let flipped = 0
    interceptor.rewrite((frame) => {
      if (frameTypeOf(frame) !== DATA || flipped > 0) return frame
      flipped++
      const copy = frame.slice()
      copy[copy.length - 20]! ^= 0x04
      return copy
    })
    await expect(pair.dapp.request('request', { method: 'flip' })).resolves.toMatchObject({ method: 'flip' })
    expect(flipped).toBe(1)
    expect(errorNames(pair.walletErrors)).toEqual(['DecryptionError'])
    expect(pair.executions.get('flip')).toBe(1)
  })

  it('rejects an oversized frame from the relay and refuses to send an oversized message', async () => {
    const pair = await pairWithWalletInterceptor()
    const channel = pair.interceptor.received[0]!.channel
    pair.interceptor.inject({ type: 'frame', payload: { channel, id: 9_000, frame: new Uint8Array(70_000) } })
    await until(() => pair.walletErrors.length >= 1)
    expect(errorNames(pair.walletErrors)).toEqual(['FrameTooLargeError'])
    await expect(
      pair.dapp.request('request', { method: 'big', params: 'x'.repeat(70_000) }),
    ).rejects.toBeInstanceOf(MessageTooLargeError)
    await honestRequestStillWorks(pair)
  })

  it('ignores forged acks: a non-member ack keeps the queue, a forged ACK frame does not verify', async () => {
    const pair = await pairWithWalletInterceptor({ wallet: { pauseAfterMs: 50 } })
    const channel = pair.interceptor.received[0]!.channel
    // A forged relay-level ack from a non-member while requests wait in the paused wallet's queue.
    pair.wallet.setVisibility('hidden')
    await until(() => pair.dapp.getState().status === 'paused', 5_000, 'the wallet to pause')
    const queued = pair.dapp.request('request', { method: 'queued' })
    await sleep(100)
    const intruder = await rawSocket()
    expect(await emit(intruder, 'ack', { channel, id: 1_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'not_member' },
    })
    pair.wallet.setVisibility('visible')
    await expect(queued).resolves.toMatchObject({ method: 'queued', count: 1 })

    // An ACK frame whose ack field the relay raised: its tag no longer verifies.
    const findAck = () =>
      [...pair.interceptor.received].reverse().find((entry) => frameTypeOf(entry.frame) === 17)
    await until(() => findAck() !== undefined, 5_000, 'an ACK frame from the dapp')
    const forged = findAck()!.frame.slice()
    forged[27] = (forged[27]! + 50) & 0xff
    const errorsBefore = pair.walletErrors.length
    pair.interceptor.inject({ type: 'frame', payload: { channel, id: 9_500, frame: forged } })
    await until(() => pair.walletErrors.length > errorsBefore)
    expect(pair.walletErrors.at(-1)!.name).toBe('DecryptionError')
    await honestRequestStillWorks(pair)
  })

  it('survives garbage events from the relay and from other sockets', async () => {
    const pair = await pairWithWalletInterceptor()
    const channel = pair.interceptor.received[0]!.channel
    const garbage: Parameters<typeof pair.interceptor.inject>[0][] = [
      { type: 'frame', payload: null },
      { type: 'frame', payload: 42 },
      { type: 'frame', payload: { channel: 'another', id: 1, frame: new Uint8Array(60) } },
      { type: 'frame', payload: { channel, id: 'x', frame: 5 } },
      { type: 'frame', payload: { channel, id: 7, frame: new Uint8Array(3) } },
      { type: 'peer', payload: { channel, present: 'maybe' } },
      { type: 'closed', payload: { channel: 'another', reason: 'closed' } },
      { type: 'relay_error', payload: { nonsense: true } },
    ]
    for (const event of garbage) pair.interceptor.inject(event)
    const intruder = await rawSocket()
    expect((await emit(intruder, 'create', 'junk')).ok).toBe(false)
    expect((await emit(intruder, 'join', { v: 'x', channel, role: 'admin' })).ok).toBe(false)
    expect((await emit(intruder, 'send', { channel, frame: 'plaintext' })).ok).toBe(false)
    intruder.emit('nonsense', { a: 1 })
    await until(() => pair.walletErrors.length >= 6)
    for (const error of pair.walletErrors) expect(error).toBeInstanceOf(Error)
    expect(pair.wallet.getState().status).toBe('connected')
    await honestRequestStillWorks(pair)
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { createEciesKeyPair } from '../crypto/ecies.js'
import type { DapplinkError } from '../errors/base.js'
import { FrameVersionError, HandshakeCommitmentError, HandshakeTimeoutError } from '../errors/relay.js'
import { FakeSessionTimers } from '../test/fakeSessionTimers.js'
import { createMemoryRelay, interceptedTransport, type MemoryRelay } from '../test/memoryRelay.js'
import { encodeBase64Url } from './base64url.js'
import { channelIdLength, direction, frameType, secretLength, tokenLength } from './constants.js'
import { decodeFrame } from './frame.js'
import { createDone, createHello, openKey, transcriptHash } from './handshake.js'
import { deriveAuthKey, deriveWalletToken } from './pairingKeys.js'
import type { JsonRpcRequest } from './rpc.js'
import { createSessionEngine, type SessionEngine } from './sessionEngine.js'
import { importAesKey, randomBytes } from './webCrypto.js'

// Every wait of the engine runs on FakeSessionTimers here: no test sleeps for a relay timer. Only the
// in-memory relay and WebCrypto take real (sub-millisecond) turns of the event loop, awaited with `until`.

async function until(predicate: () => boolean, what = 'a condition'): Promise<void> {
  for (let turn = 0; turn < 2_000; turn++) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  throw new Error(`timed out waiting for ${what}`)
}
/** Lets in-flight relay I/O finish, so a negative check is meaningful. */
const settleIo = () => new Promise((resolve) => setTimeout(resolve, 30))

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** A relay transport that records the frame type of every `send` and may hide `frame` events. */
function recording(relay: MemoryRelay, options: { deaf?: boolean } = {}) {
  const sentTypes: number[] = []
  const events: string[] = []
  const factory = interceptedTransport(relay, {
    call(event, payload, forward) {
      events.push(event)
      if (event === 'send' && payload['frame'] instanceof Uint8Array) sentTypes.push(payload['frame'][1]!)
      return forward(payload)
    },
    deliver(event, listener) {
      if (!(options.deaf && event.type === 'frame')) listener(event)
    },
  })
  return {
    factory,
    sentTypes,
    events,
    count: (type: number) => sentTypes.filter((sent) => sent === type).length,
  }
}

function pairOfEngines(
  relay: MemoryRelay,
  options: {
    dappDeaf?: boolean
    walletDeaf?: boolean
    onRequest?: (request: JsonRpcRequest, wallet: SessionEngine) => void
  } = {},
) {
  const timers = new FakeSessionTimers()
  const channelId = randomBytes(channelIdLength)
  const secret = randomBytes(secretLength)
  const dappKeys = createEciesKeyPair()
  const dappTransport = recording(relay, { deaf: options.dappDeaf ?? false })
  const walletTransport = recording(relay, { deaf: options.walletDeaf ?? false })
  const errors: DapplinkError[] = []
  const common = {
    relayUrl: 'ws://127.0.0.1:1',
    channelId,
    secret,
    dappPublicKey: dappKeys.publicKey,
    timers,
  }
  const dapp = createSessionEngine({
    ...common,
    role: 'dapp',
    dappSecretKey: dappKeys.secretKey,
    dappToken: randomBytes(tokenLength),
    transport: dappTransport.factory,
    onMessage: () => {},
    onError: (error) => errors.push(error),
  })
  const wallet: SessionEngine = createSessionEngine({
    ...common,
    role: 'wallet',
    transport: walletTransport.factory,
    onMessage(message) {
      if (message.kind === 'request') options.onRequest?.(message.request, wallet)
    },
    onError: (error) => errors.push(error),
  })
  cleanups.push(
    () => dapp.close('disconnected', { leave: false }),
    () => wallet.close('disconnected', { leave: false }),
  )
  return { timers, dapp, wallet, dappTransport, walletTransport, errors, common }
}

describe('createSessionEngine on injected timers', () => {
  it('re-sends the wallet HELLO every retry interval (1 s) while the dapp does not answer', async () => {
    const relay = createMemoryRelay()
    const { timers, dapp, wallet, walletTransport } = pairOfEngines(relay, { dappDeaf: true })
    dapp.start()
    await until(() => dappJoined(relay))
    wallet.start()
    await until(() => walletTransport.count(frameType.hello) === 1, 'the first HELLO')
    expect(wallet.getState().status).toBe('handshaking')
    timers.advance(999)
    await settleIo()
    expect(walletTransport.count(frameType.hello)).toBe(1)
    timers.advance(1)
    await until(() => walletTransport.count(frameType.hello) === 2, 'the second HELLO')
    timers.advance(1_000)
    await until(() => walletTransport.count(frameType.hello) === 3, 'the third HELLO')
  })

  it('ends an unanswered handshake after 10 s with HandshakeTimeoutError, not a moment before', async () => {
    const relay = createMemoryRelay()
    const { timers, dapp, wallet, walletTransport } = pairOfEngines(relay, { dappDeaf: true })
    dapp.start()
    await until(() => dappJoined(relay))
    wallet.start()
    await until(() => walletTransport.count(frameType.hello) === 1)
    const outcome = wallet.handshake.then(
      () => 'completed',
      (error: unknown) => error,
    )
    timers.advance(9_999)
    await settleIo()
    expect(wallet.getState().status).toBe('handshaking')
    timers.advance(1)
    await until(() => wallet.getState().status === 'cleared', 'the timeout')
    expect(wallet.getState().reason).toBe('handshake-timeout')
    expect(await outcome).toBeInstanceOf(HandshakeTimeoutError)
  })

  it('pairs on fake time, then acknowledges a request it does not answer after the 50 ms quiet period', async () => {
    const requests: JsonRpcRequest[] = []
    const relay = createMemoryRelay()
    const { timers, dapp, wallet, walletTransport } = pairOfEngines(relay, {
      onRequest: (request) => requests.push(request),
    })
    await connect(relay, dapp, wallet)
    expect(dapp.getState().verificationCode).toBe(wallet.getState().verificationCode)
    await dapp.send({ jsonrpc: '2.0', id: 1, method: 'request', params: {} })
    await until(() => requests.length === 1, 'the request')
    timers.advance(49)
    await settleIo()
    expect(walletTransport.count(frameType.ack)).toBe(0)
    timers.advance(1)
    await until(() => walletTransport.count(frameType.ack) === 1, 'the ACK frame')
  })

  it('answers piggyback the acknowledgement: no ACK frame when the answer leaves within 50 ms', async () => {
    const relay = createMemoryRelay()
    const { timers, dapp, wallet, walletTransport } = pairOfEngines(relay, {
      onRequest: (request, engine) => void engine.send({ jsonrpc: '2.0', id: request.id, result: {} }),
    })
    await connect(relay, dapp, wallet)
    await dapp.send({ jsonrpc: '2.0', id: 1, method: 'request', params: {} })
    await until(() => walletTransport.count(frameType.data) === 1, 'the answer')
    timers.advance(1_000)
    await settleIo()
    expect(walletTransport.count(frameType.ack)).toBe(0)
  })

  it('a wallet that came before the channel joins again after 1/16 of the retry interval (62.5 ms)', async () => {
    const relay = createMemoryRelay()
    const { timers, dapp, wallet, walletTransport } = pairOfEngines(relay)
    const joins = () => walletTransport.events.filter((event) => event === 'join').length
    wallet.start()
    await until(() => joins() === 1, 'the first join')
    await settleIo()
    dapp.start()
    await until(() => dappJoined(relay), 'the dapp in its channel')
    timers.advance(62)
    await settleIo()
    expect(joins()).toBe(1)
    timers.advance(1)
    await until(() => dapp.getState().status === 'connected' && wallet.getState().status === 'connected')
    expect(joins()).toBe(2)
  })

  it('starts the dapp handshake timeout at the first valid HELLO: 10 s later, without the wallet DNE, it ends', async () => {
    const relay = createMemoryRelay()
    const { timers, dapp, wallet, walletTransport } = pairOfEngines(relay, { walletDeaf: true })
    dapp.start()
    await until(() => dappJoined(relay))
    wallet.start()
    await until(() => dapp.getState().status === 'handshaking', 'the HELLO at the dapp')
    expect(walletTransport.count(frameType.hello)).toBe(1)
    timers.advance(9_999)
    await settleIo()
    expect(dapp.getState().status).toBe('handshaking')
    timers.advance(1)
    await until(() => dapp.getState().status === 'cleared', 'the dapp timeout')
    expect(dapp.getState().reason).toBe('handshake-timeout')
  })

  it('clears the dapp 30 s after the wallet vanished without pause (peer timeout), not before', async () => {
    const relay = createMemoryRelay()
    const { timers, dapp, wallet } = pairOfEngines(relay)
    await connect(relay, dapp, wallet)
    await wallet.close('disconnected', { leave: false })
    await until(() => dapp.getState().status === 'reconnecting', 'the dapp to see the wallet gone')
    timers.advance(29_999)
    await settleIo()
    expect(dapp.getState().status).toBe('reconnecting')
    timers.advance(1)
    await until(() => dapp.getState().status === 'cleared', 'the peer timeout')
    expect(dapp.getState().reason).toBe('wallet-gone')
  })

  it('keeps a dapp whose wallet paused, however long, and reconnects when it resumes', async () => {
    const relay = createMemoryRelay()
    const { timers, dapp, wallet } = pairOfEngines(relay)
    await connect(relay, dapp, wallet)
    await wallet.pause()
    await until(() => dapp.getState().status === 'paused', 'the dapp to see the pause')
    timers.advance(10 * 60_000)
    await settleIo()
    expect(dapp.getState().status).toBe('paused')
    expect(wallet.getState().status).toBe('paused')
    wallet.resume()
    await until(() => dapp.getState().status === 'connected' && wallet.getState().status === 'connected')
  })
})

/** A wallet that holds S (it scanned the QR) and speaks the protocol by hand: it may lie. */
async function handWrittenWallet(relay: MemoryRelay, common: ReturnType<typeof pairOfEngines>['common']) {
  const { channelId, secret } = common
  const transport = relay.transport(common.relayUrl, undefined)
  const frames: Uint8Array[] = []
  transport.subscribe((event) => {
    if (event.type === 'frame') frames.push((event.payload as { frame: Uint8Array }).frame)
  })
  transport.open()
  await until(() => transport.connected, 'the hand-written wallet connected')
  const channel = encodeBase64Url(channelId)
  const token = encodeBase64Url(await deriveWalletToken(secret, channelId))
  await transport.call('join', { v: 1, channel, role: 'wallet', token }, 1_000)
  cleanups.push(() => transport.close())
  return {
    frames,
    authKey: await deriveAuthKey(secret, channelId),
    send: (frame: Uint8Array) => transport.call('send', { channel, frame }, 1_000),
  }
}

describe('the join answer and the peer event (protocol.md section 3)', () => {
  it("keeps the relay's newer `peer` event when the dapp's own join answer is handled after it", async () => {
    const relay = createMemoryRelay()
    const timers = new FakeSessionTimers()
    const dappKeys = createEciesKeyPair()
    const common = {
      relayUrl: 'ws://127.0.0.1:1',
      channelId: randomBytes(channelIdLength),
      secret: randomBytes(secretLength),
      dappPublicKey: dappKeys.publicKey,
      timers,
    }
    // The dapp's `join` answer ("no peer yet") reaches the engine only after the relay's `peer` event
    // ("the wallet is here") was handled: what a loaded machine did in CI.
    let peerEventHandled: () => void = () => {}
    const peerHandled = new Promise<void>((resolve) => {
      peerEventHandled = resolve
    })
    let joins = 0
    const dapp = createSessionEngine({
      ...common,
      role: 'dapp',
      dappSecretKey: dappKeys.secretKey,
      dappToken: randomBytes(tokenLength),
      transport: interceptedTransport(relay, {
        async call(event, payload, forward) {
          const answer = await forward(payload)
          if (event === 'join' && joins++ === 0) {
            expect(answer).toMatchObject({ ok: true, peer: false })
            await peerHandled
          }
          return answer
        },
        deliver(event, listener) {
          listener(event)
          if (event.type === 'peer') setTimeout(peerEventHandled, 5)
        },
      }),
      onMessage: () => {},
    })
    const wallet = createSessionEngine({
      ...common,
      role: 'wallet',
      onMessage: () => {},
      transport: relay.transport,
    })
    cleanups.push(
      () => dapp.close('disconnected', { leave: false }),
      () => wallet.close('disconnected', { leave: false }),
    )
    dapp.start()
    await until(() => relay.memberCount === 1, 'the dapp in its channel')
    wallet.start()
    await until(
      () => dapp.getState().status === 'connected' && wallet.getState().status === 'connected',
      'both sides connected',
    )
    await settleIo()
    // With the stale answer applied, the dapp would think the wallet absent: 'reconnecting', then
    // 'wallet-gone' when the peer timeout ran out.
    expect(dapp.getState().status).toBe('connected')
    timers.advance(30_000)
    await settleIo()
    expect(dapp.getState().status).toBe('connected')
  })
})

describe('the wallet reveal and the protocol version (protocol.md section 4.1)', () => {
  it('ends the dapp handshake at once with HandshakeCommitmentError when the reveal does not match', async () => {
    const relay = createMemoryRelay()
    const { dapp, timers, errors, common } = pairOfEngines(relay)
    dapp.start()
    await until(() => dappJoined(relay), 'the dapp in its channel')
    const outcome = dapp.handshake.then(
      () => 'completed',
      (error: unknown) => error,
    )
    const { channelId, dappPublicKey } = common
    const wallet = await handWrittenWallet(relay, common)
    const { authKey } = wallet
    const hello = await createHello({ channelId, dappPublicKey, authKey })
    await wallet.send(hello.frame)
    await until(() => wallet.frames.some((frame) => frame[1] === frameType.key), 'the KEY')
    const key = wallet.frames.find((frame) => frame[1] === frameType.key)!
    const toWallet = { channelId, direction: direction.dappToWallet }
    await openKey({
      frame: decodeFrame(key, toWallet),
      hello: hello.frame,
      walletSecretKey: hello.walletSecretKey,
      authKey,
    })
    // It reveals another nonce than its HELLO committed to, in a DNE sealed with the right key and transcript.
    const otherNonce = hello.walletNonce.slice()
    otherNonce[0]! ^= 1
    const lyingDone = await createDone({
      channelId,
      direction: direction.walletToDapp,
      key: await importAesKey(hello.walletKey),
      transcriptHash: await transcriptHash(hello.frame, key),
      walletNonce: otherNonce,
    })
    await wallet.send(lyingDone)
    // No timer advanced: the session ends on the reveal itself, not on the 10 s handshake timeout.
    await until(() => dapp.getState().status === 'cleared', 'the dapp to end the handshake')
    expect(dapp.getState()).toMatchObject({ reason: 'handshake-failed', verificationCode: undefined })
    expect(await outcome).toBeInstanceOf(HandshakeCommitmentError)
    expect(timers.now()).toBe(0)
    expect(errors.map((error) => error.name)).not.toContain('HandshakeTimeoutError')
  })

  it('refuses the HELLO of a version 1 wallet with FrameVersionError, and starts no handshake', async () => {
    const relay = createMemoryRelay()
    const { dapp, errors, common } = pairOfEngines(relay)
    dapp.start()
    await until(() => dappJoined(relay), 'the dapp in its channel')
    const wallet = await handWrittenWallet(relay, common)
    const hello = await createHello({
      channelId: common.channelId,
      dappPublicKey: common.dappPublicKey,
      authKey: wallet.authKey,
    })
    const versionOne = hello.frame.slice()
    versionOne[0] = 1
    await wallet.send(versionOne)
    await until(() => errors.length > 0, 'the refusal')
    expect(errors[0]).toBeInstanceOf(FrameVersionError)
    expect(errors[0]!.shortMessage).toBe(
      'The wallet runs an older dapplink protocol (version 1); this dapp speaks version 2.',
    )
    await settleIo()
    expect(dapp.getState().status).toBe('connecting')
    expect(wallet.frames).toEqual([])
  })
})

/** Whether the dapp's channel exists at the relay with the dapp in it (`create` + `join` went through). */
const dappJoined = (relay: MemoryRelay) => relay.channels.size === 1 && relay.memberCount === 1

/** Starts the dapp, then the wallet once the channel exists (as a person scans a QR code shown already). */
async function connect(relay: MemoryRelay, dapp: SessionEngine, wallet: SessionEngine): Promise<void> {
  dapp.start()
  await until(() => dappJoined(relay), 'the dapp in its channel')
  wallet.start()
  await until(
    () => dapp.getState().status === 'connected' && wallet.getState().status === 'connected',
    'both sides connected',
  )
}

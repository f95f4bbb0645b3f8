import { afterEach, describe, expect, it } from 'vitest'
import { createEciesKeyPair } from '../crypto/ecies.js'
import type { DapplinkError } from '../errors/base.js'
import { RelayClosedError, SessionClosedError } from '../errors/relay.js'
import { FakeSessionTimers } from '../test/fakeSessionTimers.js'
import { createMemoryRelay, interceptedTransport, type MemoryRelay } from '../test/memoryRelay.js'
import { decodeBase64Url, encodeBase64Url } from './base64url.js'
import { channelIdLength, secretLength, tokenLength } from './constants.js'
import { deriveWalletToken, hashToken } from './pairingKeys.js'
import type { RelayTransportEvent } from './relayTransport.js'
import { createSessionEngine, type SessionEngine } from './sessionEngine.js'
import { randomBytes } from './webCrypto.js'

// After pairing (docs/protocol.md sections 3 and 7): the dapp pairs the channel with the wallet session
// token, the wallet rejoins with it, and what the relay says (`closed`) is never reported as the peer's
// `terminate`. On the in-memory relay and fake timers; the same against the real relay process:
// apps/relay/test/rejoin.test.ts.

async function until(predicate: () => boolean, what = 'a condition'): Promise<void> {
  for (let turn = 0; turn < 2_000; turn++) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** A transport that records the calls and lets the test play the relay: `inject` a relay → client event. */
function scripted(relay: MemoryRelay, options: { olderRelay?: boolean } = {}) {
  const calls: { event: string; payload: Record<string, unknown> }[] = []
  let deliver: ((event: RelayTransportEvent) => void) | undefined
  const factory = interceptedTransport(relay, {
    call(event, payload, forward) {
      calls.push({ event, payload })
      if (options.olderRelay) {
        // A relay from before `rekey`: unknown event, and `create` ignores the field it does not know.
        if (event === 'rekey')
          return Promise.resolve({
            ok: false,
            error: { code: 'bad_request', message: 'Unknown event "rekey"' },
          })
        if (event === 'create') {
          const { walletSessionTokenHash: _ignored, ...known } = payload
          return forward(known)
        }
      }
      return forward(payload)
    },
    subscribed(listener) {
      deliver = listener
    },
  })
  return { factory, calls, inject: (event: RelayTransportEvent) => deliver?.(event) }
}

async function pairedEngines(relay = createMemoryRelay(), options: { olderRelay?: boolean } = {}) {
  const timers = new FakeSessionTimers()
  const channelId = randomBytes(channelIdLength)
  const secret = randomBytes(secretLength)
  const dappKeys = createEciesKeyPair()
  const dappTransport = scripted(relay, options)
  const walletTransport = scripted(relay, options)
  const errors: DapplinkError[] = []
  const closes: { side: string; error: SessionClosedError }[] = []
  const responses: unknown[] = []
  const common = {
    relayUrl: 'ws://127.0.0.1:1',
    channelId,
    secret,
    dappPublicKey: dappKeys.publicKey,
    timers,
  }
  const dapp: SessionEngine = createSessionEngine({
    ...common,
    role: 'dapp',
    dappSecretKey: dappKeys.secretKey,
    dappToken: randomBytes(tokenLength),
    transport: dappTransport.factory,
    onMessage: (message) => message.kind === 'response' && responses.push(message.response),
    onError: (error) => errors.push(error),
    onClose: (error) => closes.push({ side: 'dapp', error }),
  })
  const wallet: SessionEngine = createSessionEngine({
    ...common,
    role: 'wallet',
    transport: walletTransport.factory,
    onMessage(message) {
      if (message.kind === 'request')
        void wallet.send({ jsonrpc: '2.0', id: message.request.id, result: { ok: true } })
    },
    onError: (error) => errors.push(error),
    onClose: (error) => closes.push({ side: 'wallet', error }),
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
  const channel = encodeBase64Url(channelId)
  const pairingToken = encodeBase64Url(await deriveWalletToken(secret, channelId))
  return {
    relay,
    timers,
    dapp,
    wallet,
    dappTransport,
    walletTransport,
    errors,
    closes,
    responses,
    channel,
    pairingToken,
  }
}

const rekeyed = (relay: MemoryRelay, channel: string) =>
  relay.channels.get(channel)?.walletSessionTokenHash !== undefined

describe('a paired session on the relay', () => {
  it('the dapp pairs the channel with the session token hash; the wallet rejoins with that token, not the pairing one', async () => {
    const { relay, dapp, wallet, dappTransport, walletTransport, channel, pairingToken, errors } =
      await pairedEngines()
    await until(() => rekeyed(relay, channel), 'the rekey')
    const rekey = dappTransport.calls.find((call) => call.event === 'rekey')
    expect(rekey?.payload).toEqual({ channel, walletSessionTokenHash: expect.stringMatching(/^[\w-]{43}$/) })
    expect(rekey?.payload['walletSessionTokenHash']).not.toBe(relay.channels.get(channel)?.walletTokenHash)

    // The wallet's socket drops; it comes back with the session token, whose hash is the registered one.
    walletTransport.calls.length = 0
    await wallet.pause()
    wallet.resume()
    await until(() => wallet.getState().status === 'connected' && dapp.getState().status === 'connected')
    const joins = walletTransport.calls.filter((call) => call.event === 'join')
    expect(joins.length).toBeGreaterThanOrEqual(1)
    for (const join of joins) expect(join.payload['token']).not.toBe(pairingToken)
    const sessionToken = decodeBase64Url(String(joins[0]!.payload['token'])) ?? new Uint8Array()
    expect(await hashToken(sessionToken)).toBe(rekey?.payload['walletSessionTokenHash'])
    // The relay's replay and the dapp's re-send for the returning wallet can bring a frame a third time:
    // reported as ReplayError, harmless (docs/protocol.md section 5). Nothing else may be reported.
    expect(errors.filter((error) => error.name !== 'ReplayError')).toEqual([])
  })

  it('with a relay that does not know rekey, the session goes on unpaired and the wallet rejoins with Tw', async () => {
    const { relay, dapp, wallet, walletTransport, channel, pairingToken, errors } = await pairedEngines(
      createMemoryRelay(),
      { olderRelay: true },
    )
    await until(() => errors.length > 0, 'the refused rekey')
    expect(errors.map((error) => [error.name, (error as { relayCode?: string }).relayCode])).toEqual([
      ['RelayRequestError', 'bad_request'],
    ])
    expect(rekeyed(relay, channel)).toBe(false)
    walletTransport.calls.length = 0
    await wallet.pause()
    wallet.resume()
    await until(() => wallet.getState().status === 'connected' && dapp.getState().status === 'connected')
    // Tw' first (refused: unknown to this relay), then Tw at once; neither refusal is reported.
    const joins = walletTransport.calls
      .filter((call) => call.event === 'join')
      .map((call) => call.payload['token'])
    expect(joins.length).toBe(2)
    expect(joins[0]).not.toBe(pairingToken)
    expect(joins[1]).toBe(pairingToken)
    expect(errors).toHaveLength(1)
  })

  it('after a relay restart the dapp re-creates the channel paired', async () => {
    const { relay, dapp, wallet, dappTransport, channel } = await pairedEngines()
    await until(() => rekeyed(relay, channel), 'the rekey')
    const registered = relay.channels.get(channel)?.walletSessionTokenHash
    dappTransport.calls.length = 0
    relay.restart(5)
    await until(() => dapp.getState().status === 'reconnecting')
    await until(() => dapp.getState().status === 'connected' && wallet.getState().status === 'connected')
    const create = dappTransport.calls.find((call) => call.event === 'create')
    expect(create?.payload['walletSessionTokenHash']).toBe(registered)
    expect(relay.channels.get(channel)?.walletSessionTokenHash).toBe(registered)
  })

  it.each([
    ['closed', 'relay-closed'],
    ['expired', 'expired'],
    ['anything else', 'relay-closed'],
  ] as const)(
    'a relay `closed` (%s) ends the session as %s with RelayClosedError, never as terminated',
    async (relayReason, reason) => {
      const { dapp, dappTransport, channel, closes } = await pairedEngines()
      dappTransport.inject({ type: 'closed', payload: { channel, reason: relayReason } })
      await until(() => dapp.getState().status === 'cleared', 'the dapp cleared')
      expect(dapp.getState().reason).toBe(reason)
      const error = closes.find((close) => close.side === 'dapp')?.error
      expect(error).toBeInstanceOf(RelayClosedError)
      expect(error).toBeInstanceOf(SessionClosedError)
      expect((error as RelayClosedError).relayReason).toBe(relayReason === 'expired' ? 'expired' : 'closed')
      expect(error?.shortMessage).toMatch(/^The relay closed the session/)
    },
  )

  it('the peer ending the session (a sealed terminate) is still terminated', async () => {
    const { dapp, wallet, closes } = await pairedEngines()
    await dapp.close('disconnected', { leave: true, terminate: true })
    await until(() => wallet.getState().status === 'cleared', 'the wallet cleared')
    expect(wallet.getState().reason).toBe('terminated')
    expect(closes.find((close) => close.side === 'wallet')?.error).not.toBeInstanceOf(RelayClosedError)
  })

  it('a paired wallet told `replaced` takes its role back with the session token; the dapp keeps talking to it', async () => {
    const { relay, timers, dapp, wallet, walletTransport, channel, errors, responses } = await pairedEngines()
    await until(() => rekeyed(relay, channel), 'the rekey')
    walletTransport.inject({ type: 'closed', payload: { channel, reason: 'replaced' } })
    await until(() => wallet.getState().status === 'reconnecting', 'the wallet to notice')
    walletTransport.calls.length = 0
    timers.advance(1_000)
    await until(() => walletTransport.calls.some((call) => call.event === 'join'), 'the re-join')
    await until(() => wallet.getState().status === 'connected', 'the wallet back')
    expect(wallet.getState().reason).toBeUndefined()
    await dapp.send({ jsonrpc: '2.0', id: 1, method: 'request', params: {} })
    await until(() => responses.length === 1, 'the answer')
    expect(responses).toEqual([{ jsonrpc: '2.0', id: 1, result: { ok: true } }])
    expect(errors.filter((error) => error instanceof SessionClosedError)).toEqual([])
  })

  it('a wallet told `replaced` before it holds session keys ends with RelayClosedError (relay-closed)', async () => {
    const relay = createMemoryRelay()
    const timers = new FakeSessionTimers()
    const channelId = randomBytes(channelIdLength)
    const transport = scripted(relay)
    const closes: SessionClosedError[] = []
    // No dapp: the wallet waits for the channel; the relay (the test) says another socket took its role.
    const wallet = createSessionEngine({
      relayUrl: 'ws://127.0.0.1:1',
      channelId,
      secret: randomBytes(secretLength),
      dappPublicKey: createEciesKeyPair().publicKey,
      timers,
      role: 'wallet',
      transport: transport.factory,
      onMessage: () => {},
      onClose: (error) => closes.push(error),
    })
    cleanups.push(() => wallet.close('disconnected', { leave: false }))
    wallet.start()
    await until(() => transport.calls.some((call) => call.event === 'join'), 'a join')
    transport.inject({ type: 'closed', payload: { channel: encodeBase64Url(channelId), reason: 'replaced' } })
    await until(() => wallet.getState().status === 'cleared', 'the wallet cleared')
    expect(wallet.getState().reason).toBe('relay-closed')
    expect(closes[0]).toBeInstanceOf(RelayClosedError)
    expect((closes[0] as RelayClosedError).relayReason).toBe('replaced')
  })
})

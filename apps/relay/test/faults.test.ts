import { createRelaySession, HandshakeTimeoutError, SessionClosedError } from '@dapplink/core/relay'
import { pairWithDapp } from '@dapplink/wallet/relay'
import { describe, expect, it } from 'vitest'
import {
  createAccount,
  createInterceptor,
  fastTiming,
  pairSessions,
  startRelayProcess,
  until,
  useRelayProcess,
} from './sessionHarness.js'
import { SteppedSessionTimers } from './steppedSessionTimers.js'

// Faults: a relay killed and restarted, a paused wallet, lost handshake frames, timeouts, a vanished wallet.

const fixture = useRelayProcess()
const { cleanups } = fixture

const frameTypeOf = (frame: Uint8Array) => frame[1]

describe('faults', () => {
  it('survives a SIGKILLed relay restarted on the same port: no request lost or executed twice', async () => {
    let own = await startRelayProcess()
    cleanups.push(() => own.stop())
    const pair = await pairSessions(own.url)
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    const requests = Array.from({ length: 5 }, (_, index) =>
      pair.dapp.request('request', { method: `r${index}` }),
    )
    await own.kill()
    await until(() => pair.dapp.getState().status === 'reconnecting', 5_000, 'the dapp to notice')
    // Sent while the relay is down: held until the session re-joins.
    for (let index = 5; index < 10; index++)
      requests.push(pair.dapp.request('request', { method: `r${index}` }))
    own = await startRelayProcess({ PORT: String(own.port) })
    const results = await Promise.all(requests)
    expect(results.map((result) => (result as { method: string }).method)).toEqual(
      Array.from({ length: 10 }, (_, index) => `r${index}`),
    )
    for (let index = 0; index < 10; index++) expect(pair.executions.get(`r${index}`)).toBe(1)
    await until(
      () => pair.dapp.getState().status === 'connected' && pair.wallet.getState().status === 'connected',
    )
    await expect(pair.dapp.request('request', { method: 'after' })).resolves.toMatchObject({ count: 1 })
  })

  it('pauses longer than the pause threshold and the peer timeout, then resumes and answers the queue', async () => {
    // Both sides' session-level waits (pause threshold, peer timeouts) run on this clock, advanced below.
    const timers = new SteppedSessionTimers()
    const pair = await pairSessions(fixture.relay.url, {
      dapp: { peerTimeoutMs: 300, timers },
      wallet: { pauseAfterMs: 100, peerTimeoutMs: 300, timers },
    })
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    const statuses: string[] = []
    pair.dapp.watchState((state) => statuses.push(state.status))
    pair.wallet.setVisibility('hidden')
    timers.advance(100) // the pause threshold
    await until(() => pair.dapp.getState().status === 'paused' && pair.wallet.getState().status === 'paused')
    const queued = [
      pair.dapp.request('request', { method: 'q1' }),
      pair.dapp.request('request', { method: 'q2' }),
    ]
    timers.advance(800) // far past both peer timeouts
    expect(pair.dapp.getState().status).toBe('paused')
    expect(pair.executions.size).toBe(0)
    pair.wallet.setVisibility('visible')
    expect(await Promise.all(queued)).toMatchObject([{ method: 'q1' }, { method: 'q2' }])
    await until(() => pair.dapp.getState().status === 'connected')
    expect(statuses).toEqual(['paused', 'connected'])
    expect(pair.executions.get('q1')).toBe(1)
  })

  it('recovers lost handshake frames by re-sending them', async () => {
    const dappSide = createInterceptor()
    const walletSide = createInterceptor()
    const dropped = { hello: 0, key: 0, done: 0 }
    walletSide.dropOutgoing((frame) => frameTypeOf(frame) === 1 && dropped.hello++ < 2)
    dappSide.dropOutgoing((frame) => {
      if (frameTypeOf(frame) === 2) return dropped.key++ < 1
      if (frameTypeOf(frame) === 3) return dropped.done++ < 1
      return false
    })
    const pair = await pairSessions(fixture.relay.url, {
      dapp: { transport: dappSide.factory },
      wallet: { transport: walletSide.factory },
    })
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    expect(dropped.hello).toBeGreaterThanOrEqual(3)
    expect(dappSide.sent.filter((frame) => frameTypeOf(frame) === 2).length).toBeGreaterThanOrEqual(2)
    expect(pair.dapp.getState().verificationCode).toBe(pair.wallet.verificationCode)
    await expect(pair.dapp.request('request', { method: 'ok' })).resolves.toMatchObject({ count: 1 })
  })

  it('times out the handshake on both sides with HandshakeTimeoutError', async () => {
    // The wallet's HELLOs never arrive: the wallet times out.
    const silentWallet = createInterceptor()
    silentWallet.dropOutgoing(() => true)
    const dapp = createRelaySession({
      relayUrl: fixture.relay.url,
      app: { name: 'x', url: 'https://x' },
      ...fastTiming,
    })
    cleanups.push(() => dapp.disconnect())
    const started = Date.now()
    await expect(
      pairWithDapp({
        pairingUri: dapp.pairingUri,
        account: createAccount(),
        onRequest: () => true,
        transport: silentWallet.factory,
        handshakeTimeoutMs: 500,
        retryIntervalMs: 100,
      }),
    ).rejects.toBeInstanceOf(HandshakeTimeoutError)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(dapp.getState().status).toBe('connecting')

    // The dapp's KEYs never arrive: the dapp times out, and its pending connect() with it.
    const silentDapp = createInterceptor()
    silentDapp.dropOutgoing((frame) => frameTypeOf(frame) !== 16)
    const other = createRelaySession({
      relayUrl: fixture.relay.url,
      app: { name: 'x', url: 'https://x' },
      transport: silentDapp.factory,
      ...fastTiming,
      handshakeTimeoutMs: 500,
    })
    cleanups.push(() => other.disconnect())
    const connecting = other.connect()
    const wallet = pairWithDapp({
      pairingUri: other.pairingUri,
      account: createAccount(),
      onRequest: () => true,
      ...fastTiming,
    })
    wallet.catch(() => {})
    await expect(connecting).rejects.toBeInstanceOf(HandshakeTimeoutError)
    expect(other.getState()).toMatchObject({ status: 'cleared', reason: 'handshake-timeout' })
    await expect(wallet).rejects.toBeInstanceOf(SessionClosedError)
  })

  it('ends the session with wallet-gone when the wallet vanishes without pausing', async () => {
    const walletSide = createInterceptor()
    const pair = await pairSessions(fixture.relay.url, {
      dapp: { peerTimeoutMs: 400 },
      wallet: { transport: walletSide.factory },
    })
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    walletSide.transport!.close()
    const pending = pair.dapp.request('request', { method: 'never' })
    await until(() => pair.dapp.getState().status !== 'connected', 3_000, 'the dapp to notice')
    const error = await pending.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SessionClosedError)
    expect((error as SessionClosedError).reason).toBe('wallet-gone')
    expect(pair.dapp.getState()).toMatchObject({ status: 'cleared', reason: 'wallet-gone' })
  })
})

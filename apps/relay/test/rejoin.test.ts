import { deriveWalletToken, encodeBase64Url, parsePairingUri } from '@dapplink/core/relay'
import { PairingLinkUsedError, pairWithDapp } from '@dapplink/wallet/relay'
import { describe, expect, it } from 'vitest'
import { startRedisServer } from '../src/testing/redisServer.js'
import { call, connectClient } from '../src/testing/testClient.js'
import {
  createAccount,
  createInterceptor,
  fastTiming,
  type Pair,
  pairSessions,
  sleep,
  startRelayProcess,
  until,
  useRelayProcess,
} from './sessionHarness.js'

// Issue 13 item 9, against the real relay process: once paired, only the paired wallet can rejoin. Whoever
// saw the QR code holds the pairing secret S, so it can derive the wallet's pairing token Tw; the dapp then
// pairs the channel with a session token Tw' that only the two ends of the handshake can derive, and the
// relay refuses Tw with `pairing_used` (docs/protocol.md section 3).

const fixture = useRelayProcess()
const { cleanups } = fixture

/** What someone who saw the QR code can compute: the channel id and the wallet's pairing token Tw. */
async function qrHolderView(pairingUri: string) {
  const { channelId, secret } = parsePairingUri(pairingUri)
  const channel = encodeBase64Url(channelId)
  const pairingToken = encodeBase64Url(await deriveWalletToken(secret, channelId))
  return { channel, join: { v: 1, channel, role: 'wallet', token: pairingToken } }
}

async function honestPair(relayUrl: string, options: Parameters<typeof pairSessions>[1] = {}) {
  const pair = await pairSessions(relayUrl, options)
  cleanups.push(
    () => pair.dapp.disconnect(),
    () => pair.wallet.close(),
  )
  return pair
}

async function rawSocket(url: string) {
  const socket = await connectClient(url)
  cleanups.push(() => socket.disconnect())
  return socket
}

async function honestRequestStillWorks(pair: Pair, method: string) {
  const before = pair.executions.get(method) ?? 0
  await expect(pair.dapp.request('request', { method })).resolves.toMatchObject({ method })
  expect(pair.executions.get(method)).toBe(before + 1)
}

/** Every status the wallet goes through from now on. */
function walletStatuses(pair: Pair): string[] {
  const statuses: string[] = []
  cleanups.push(pair.wallet.watchState((state) => statuses.push(state.status)))
  return statuses
}

describe('rejoining a paired channel (real relay process)', () => {
  it('refuses the QR holder who derives Tw and joins after pairing; the honest session goes on', async () => {
    const pair = await honestPair(fixture.relay.url)
    const statuses = walletStatuses(pair)
    const qr = await qrHolderView(pair.dapp.pairingUri)
    const intruder = await rawSocket(fixture.relay.url)

    const refused = await call(intruder, 'join', qr.join)
    expect(refused.ok).toBe(false)
    expect(refused.error?.code).toBe('pairing_used')
    // It cannot pair the channel either: only the dapp's socket can.
    const rekey = await call(intruder, 'rekey', {
      channel: qr.channel,
      walletSessionTokenHash: 'A'.repeat(43),
    })
    expect(rekey.error?.code).toBe('not_member')

    await honestRequestStillWorks(pair, 'after-intruder')
    expect(pair.wallet.getState().status).toBe('connected')
    expect(statuses).toEqual([])
    expect(pair.dappErrors).toEqual([])
  })

  it('the honest wallet drops its socket and rejoins with Tw′; the session continues', async () => {
    const interceptor = createInterceptor()
    const joins: string[] = []
    const pair = await honestPair(fixture.relay.url, {
      wallet: { transport: interceptor.factory, pauseAfterMs: 50 },
    })
    const qr = await qrHolderView(pair.dapp.pairingUri)
    const transport = interceptor.transport!
    const recordJoins = transport.call.bind(transport)
    transport.call = (event, payload, timeoutMs) => {
      if (event === 'join') joins.push(String(payload['token']))
      return recordJoins(event, payload, timeoutMs)
    }

    // A network drop: the socket goes away and comes back (socket.io reconnects, the kit re-joins).
    transport.close()
    await until(() => pair.dapp.getState().status === 'reconnecting', 5_000, 'the dapp to see the wallet go')
    transport.open()
    await until(
      () => pair.wallet.getState().status === 'connected' && pair.dapp.getState().status === 'connected',
      10_000,
      'the wallet to rejoin',
    )
    expect(joins.length).toBeGreaterThanOrEqual(1)
    // Every re-join used the session token, never the pairing token the QR code gives.
    expect(joins.filter((token) => token === qr.join.token)).toEqual([])
    await honestRequestStillWorks(pair, 'after-drop')

    // A pause (the app in the background) drops the socket too; the resume rejoins the same way.
    pair.wallet.setVisibility('hidden')
    await until(() => pair.wallet.getState().status === 'paused', 25_000, 'the pause')
    pair.wallet.setVisibility('visible')
    await until(() => pair.wallet.getState().status === 'connected', 10_000, 'the resume')
    expect(joins.filter((token) => token === qr.join.token)).toEqual([])
    await honestRequestStillWorks(pair, 'after-pause')
    const intruder = await rawSocket(fixture.relay.url)
    expect((await call(intruder, 'join', qr.join)).error?.code).toBe('pairing_used')
  }, 40_000)

  it('after a relay restart the dapp re-creates the channel paired: the QR holder never gets in, the wallet does', async () => {
    let own = await startRelayProcess()
    cleanups.push(() => own.stop())
    const pair = await honestPair(own.url)
    const qr = await qrHolderView(pair.dapp.pairingUri)
    await honestRequestStillWorks(pair, 'before-restart')

    await own.kill()
    await until(() => pair.dapp.getState().status === 'reconnecting', 5_000, 'the dapp to notice')
    own = await startRelayProcess({ PORT: String(own.port) })
    // The QR holder is first on the restarted relay and keeps trying to join while the dapp comes back.
    const intruder = await rawSocket(own.url)
    const answers: string[] = []
    let trying = true
    const attempts = (async () => {
      while (trying) {
        const answer = await call(intruder, 'join', qr.join)
        answers.push(answer.ok ? 'joined' : (answer.error?.code ?? 'no answer'))
        await sleep(10)
      }
    })()
    await until(
      () => pair.dapp.getState().status === 'connected' && pair.wallet.getState().status === 'connected',
      15_000,
      'the honest pair to re-join',
    )
    await until(() => answers.includes('pairing_used'), 5_000, 'an attempt on the re-created channel')
    trying = false
    await attempts
    // Before the dapp re-created the channel it did not exist; after, it was paired: never joinable with Tw.
    expect(answers).not.toContain('joined')
    expect(new Set(answers)).toEqual(new Set(['unknown_channel', 'pairing_used']))
    await honestRequestStillWorks(pair, 'after-restart')
  }, 40_000)

  it('with Redis, the pairing holds across nodes: the QR holder on the wallet’s node is refused', async () => {
    const redis = await startRedisServer()
    cleanups.push(() => redis.stop())
    const [nodeA, nodeB] = await Promise.all([
      startRelayProcess({ REDIS_URL: redis.url }),
      startRelayProcess({ REDIS_URL: redis.url }),
    ])
    cleanups.push(
      () => nodeA.stop(),
      () => nodeB.stop(),
    )
    const pair = await honestPair(nodeA.url, { walletRelayUrl: nodeB.url })
    const statuses = walletStatuses(pair)
    const qr = await qrHolderView(pair.dapp.pairingUri)
    for (const node of [nodeA, nodeB]) {
      const intruder = await rawSocket(node.url)
      expect((await call(intruder, 'join', qr.join)).error?.code).toBe('pairing_used')
    }
    await honestRequestStillWorks(pair, 'across-nodes')
    expect(statuses).toEqual([])
  }, 30_000)

  it('a second open of the used pairing link fails cleanly and does not disturb the paired wallet', async () => {
    const pair = await honestPair(fixture.relay.url)
    const statuses = walletStatuses(pair)
    const started = Date.now()
    const second = await pairWithDapp({
      pairingUri: pair.dapp.pairingUri,
      account: createAccount(),
      onRequest: () => true,
      ...fastTiming,
    }).then(
      (session) => {
        cleanups.push(() => session.close())
        return session
      },
      (error: unknown) => error,
    )
    expect(second).toBeInstanceOf(PairingLinkUsedError)
    expect((second as PairingLinkUsedError).usedLinkReason).toBe('dapp-busy')
    // The relay's pairing_used decides at once, well before the 3 s used-link grace.
    expect(Date.now() - started).toBeLessThan(2_500)
    await honestRequestStillWorks(pair, 'after-second-open')
    expect(statuses).toEqual([])
    expect(pair.wallet.getState().status).toBe('connected')
  })
})

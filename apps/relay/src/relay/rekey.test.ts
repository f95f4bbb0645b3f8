import { createHash, randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RedisServerHandle, startRedisServer } from '../testing/redisServer.js'
import { startTestRelay } from '../testing/startTestRelay.js'
import { call, connectClient, newChannel, recorder } from '../testing/testClient.js'
import type { StartRelayOptions } from './startRelay.js'

// The `rekey` event and the join rule after pairing (docs/protocol.md section 3), on a relay in this
// process, with the memory store and with Redis. The same rules against the real relay process, with honest
// sessions: apps/relay/test/rejoin.test.ts.

let redis: RedisServerHandle
beforeAll(async () => {
  redis = await startRedisServer()
})
afterAll(async () => {
  await redis?.stop()
})

const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const hashOf = (token: string) =>
  createHash('sha256').update(Buffer.from(token, 'base64url')).digest('base64url')

const stores: [string, () => StartRelayOptions][] = [
  ['memory', () => ({})],
  ['redis', () => ({ redisUrl: redis.url, redisKeyPrefix: `k${randomBytes(6).toString('hex')}` })],
]

describe.each(stores)('rekey (%s store)', (_kind, storeOptions) => {
  async function pairedChannel() {
    const relay = await startTestRelay({ logLevel: 'warn', ...storeOptions() })
    cleanups.push(() => relay.close())
    const client = async () => {
      const socket = await connectClient(relay.url)
      cleanups.push(() => socket.disconnect())
      return socket
    }
    const c = newChannel()
    const dapp = await client()
    const wallet = await client()
    expect(await call(dapp, 'create', c.create)).toEqual({ ok: true })
    expect(await call(dapp, 'join', c.joinDapp)).toEqual({ ok: true, peer: false })
    expect(await call(wallet, 'join', c.joinWallet)).toEqual({ ok: true, peer: true })
    const sessionToken = randomBytes(32).toString('base64url')
    const rekey = { channel: c.channel, walletSessionTokenHash: hashOf(sessionToken) }
    const joinSession = { ...c.joinWallet, token: sessionToken }
    return { relay, client, c, dapp, wallet, sessionToken, rekey, joinSession }
  }

  it('after rekey, the pairing token is refused with pairing_used and the session token rejoins', async () => {
    const { client, c, dapp, wallet, rekey, joinSession } = await pairedChannel()
    // Only the dapp member pairs the channel.
    expect((await call(wallet, 'rekey', rekey)).error?.code).toBe('not_member')
    const stranger = await client()
    expect((await call(stranger, 'rekey', rekey)).error?.code).toBe('not_member')
    expect(await call(dapp, 'rekey', rekey)).toEqual({ ok: true })
    expect(await call(dapp, 'rekey', rekey)).toEqual({ ok: true })
    expect(
      (
        await call(dapp, 'rekey', {
          ...rekey,
          walletSessionTokenHash: hashOf(randomBytes(32).toString('base64url')),
        })
      ).error?.code,
    ).toBe('unauthorized')

    // Whoever saw the QR code derives the pairing token: refused, and the paired wallet keeps its role.
    const qrHolder = await client()
    const walletClosed = recorder(wallet, 'closed')
    const refused = await call(qrHolder, 'join', c.joinWallet)
    expect(refused.ok).toBe(false)
    expect(refused.error?.code).toBe('pairing_used')
    expect(refused.error?.message).toMatch(/paired/)
    // The dapp is there: the link's holder learns it is busy with its wallet (it could see that before, too).
    expect((refused as { peer?: boolean }).peer).toBe(true)
    expect(
      (await call(qrHolder, 'join', { ...c.joinWallet, token: randomBytes(32).toString('base64url') })).error
        ?.code,
    ).toBe('unauthorized')
    expect(await call(dapp, 'send', { channel: c.channel, frame: new Uint8Array([1]) })).toMatchObject({
      ok: true,
    })
    expect(walletClosed.received).toEqual([])

    // The paired wallet reconnecting with its session token replaces its stale socket, told `replaced`.
    const rejoined = await client()
    expect(await call(rejoined, 'join', joinSession)).toEqual({ ok: true, peer: true })
    expect(await walletClosed.waitFor(1)).toEqual([{ channel: c.channel, reason: 'replaced' }])
  })

  it('a channel re-created with the session hash is paired from its first moment', async () => {
    const { client, c, dapp, rekey, joinSession } = await pairedChannel()
    // A dapp that re-creates its channel (e.g. after a relay restart) sends the session hash along.
    const recreate = { ...c.create, walletSessionTokenHash: rekey.walletSessionTokenHash }
    expect(await call(dapp, 'create', recreate)).toEqual({ ok: true })
    const qrHolder = await client()
    expect((await call(qrHolder, 'join', c.joinWallet)).error?.code).toBe('pairing_used')
    expect(await call(await client(), 'join', joinSession)).toEqual({ ok: true, peer: true })
    // A create with another session hash is a conflict; without one it stays paired.
    const other = { ...c.create, walletSessionTokenHash: hashOf(randomBytes(32).toString('base64url')) }
    expect((await call(dapp, 'create', other)).error?.code).toBe('channel_exists')
    expect(await call(dapp, 'create', c.create)).toEqual({ ok: true })
    expect((await call(qrHolder, 'join', c.joinWallet)).error?.code).toBe('pairing_used')
  })

  it('refuses a malformed rekey with bad_request and an unknown channel with unknown_channel', async () => {
    const { dapp, rekey } = await pairedChannel()
    const malformed = await call(dapp, 'rekey', { ...rekey, walletSessionTokenHash: 42 })
    expect(malformed.error?.code).toBe('bad_request')
    expect(malformed.error?.message).toContain('walletSessionTokenHash')
    const unknown = { ...rekey, channel: newChannel().channel }
    expect((await call(dapp, 'rekey', unknown)).error?.code).toBe('unknown_channel')
  })
})

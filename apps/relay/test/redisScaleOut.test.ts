import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RedisServerHandle, startRedisServer } from '../src/testing/redisServer.js'
import type { SpawnedRelay } from '../src/testing/spawnRelay.js'
import { encodeBase58, pairSessions, startRelayProcess, until, verifySignature } from './sessionHarness.js'

// Two relay processes sharing a real redis-server: the dapp on one node, the wallet on the other.

let redis: RedisServerHandle
let relayA: SpawnedRelay
let relayB: SpawnedRelay
beforeAll(async () => {
  redis = await startRedisServer()
  ;[relayA, relayB] = await Promise.all([
    startRelayProcess({ REDIS_URL: redis.url }),
    startRelayProcess({ REDIS_URL: redis.url }),
  ])
})
afterAll(async () => {
  await Promise.all([relayA?.stop(), relayB?.stop()])
  await redis?.stop()
})

describe('two relays sharing Redis', () => {
  it('pairs and runs a session with the dapp on one node and the wallet on the other', async () => {
    expect(relayA.port).not.toBe(relayB.port)
    const pair = await pairSessions(relayA.url, { walletRelayUrl: relayB.url, connect: false })
    const { accounts } = await pair.dapp.connect()
    expect(accounts).toEqual([encodeBase58(pair.account.publicKey)])
    const message = new TextEncoder().encode('across nodes')
    expect(verifySignature(pair.account, message, (await pair.dapp.signMessage(message)).signature)).toBe(
      true,
    )
    await expect(pair.dapp.request('request', { method: 'cross' })).resolves.toMatchObject({ count: 1 })
    expect(pair.dapp.getState().verificationCode).toBe(pair.wallet.verificationCode)
    await pair.dapp.disconnect()
    await until(() => pair.wallet.getState().status === 'cleared', 5_000, 'the wallet to see the terminate')
    expect(pair.wallet.getState().reason).toBe('terminated')
    expect(pair.dappErrors).toEqual([])
    expect(pair.walletErrors).toEqual([])
  })
})

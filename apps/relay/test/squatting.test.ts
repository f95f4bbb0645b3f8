import { randomBytes } from 'node:crypto'
import { parsePairingUri } from '@dapplink/core/relay'
import { describe, expect, it } from 'vitest'
import { call, connectClient } from '../src/testing/testClient.js'
import { pairSessions, startRelayProcess, until, useRelayProcess } from './sessionHarness.js'

// A relay in memory forgets its channels when it restarts. Whoever knows a channel id (it travels in
// wake-up links and join payloads) used to be able to `create` it first with its own token hashes, so
// the honest dapp got `channel_exists` until its session timed out. The channel id is now bound to the
// dapp's token hash and the relay checks that on `create`.

const fixture = useRelayProcess()
const { cleanups } = fixture

const hash = () => randomBytes(32).toString('base64url')

describe('channel squatting', () => {
  it('refuses a create whose channel id is not derived from its dapp token hash', async () => {
    const socket = await connectClient(fixture.relay.url)
    cleanups.push(() => socket.disconnect())
    const answer = await call(socket, 'create', {
      v: 1,
      channel: randomBytes(16).toString('base64url'),
      dappTokenHash: hash(),
      walletTokenHash: hash(),
    })
    expect(answer.error?.code).toBe('bad_request')
    expect(answer.error?.message).toMatch(/channel id/)
  })

  it('a squatter cannot take a channel across a relay restart; the honest session recovers', async () => {
    let own = await startRelayProcess()
    cleanups.push(() => own.stop())
    const pair = await pairSessions(own.url)
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    await expect(pair.dapp.request('request', { method: 'before' })).resolves.toMatchObject({ count: 1 })
    const channel = Buffer.from(parsePairingUri(pair.dapp.pairingUri).channelId).toString('base64url')

    await own.kill()
    await until(() => pair.dapp.getState().status === 'reconnecting', 5_000, 'the dapp to notice')
    own = await startRelayProcess({ PORT: String(own.port) })
    // The squatter is first on the restarted relay, with its own token hashes.
    const squatter = await connectClient(own.url)
    cleanups.push(() => squatter.disconnect())
    const squat = await call(squatter, 'create', {
      v: 1,
      channel,
      dappTokenHash: hash(),
      walletTokenHash: hash(),
    })
    expect(squat.ok).toBe(false)
    expect(squat.error?.code).toBe('bad_request')

    await until(
      () => pair.dapp.getState().status === 'connected' && pair.wallet.getState().status === 'connected',
      10_000,
      'the honest pair to re-join',
    )
    await expect(pair.dapp.request('request', { method: 'after' })).resolves.toMatchObject({ count: 1 })
    expect(pair.dappErrors.filter((error) => /channel_exists|unauthorized/.test(error.message))).toEqual([])
  })
})

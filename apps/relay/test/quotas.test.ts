import { readFileSync } from 'node:fs'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SpawnedRelay } from '../src/testing/spawnRelay.js'
import { call, newChannel } from '../src/testing/testClient.js'
import { pairSessions, startRelayProcess } from './sessionHarness.js'

// One address floods a real relay process behind a (simulated) trusted proxy: it rotates the
// client-written part of X-Forwarded-For, opens sockets, creates channels and fills their queues. The
// relay holds it to its per-address caps, writes a few log lines, keeps its RSS under the budget, and an
// honest pair on another address keeps working. The flood is bounded: 60 sockets, 120 creates, 400 sends.

const memoryBudgetBytes = 192 * 1024 * 1024
const ipMaxSockets = 20
const ipMaxChannels = 8
const flooder = '203.0.113.66'

let relay: SpawnedRelay
const sockets: Socket[] = []
beforeAll(async () => {
  relay = await startRelayProcess({
    LOG_LEVEL: 'info',
    TRUST_PROXY: 'true',
    TRUSTED_PROXY_HOPS: '1',
    IP_MAX_SOCKETS: String(ipMaxSockets),
    IP_MAX_CHANNELS: String(ipMaxChannels),
    MEMORY_BUDGET_BYTES: String(memoryBudgetBytes),
  })
})
afterAll(async () => {
  for (const socket of sockets) socket.disconnect()
  await relay?.stop()
})

/** A socket whose proxy chain says it comes from `flooder`, with a different spoofed entry on the left each time. */
async function floodSocket(index: number): Promise<Socket | undefined> {
  const socket = io(relay.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 3_000,
    extraHeaders: { 'x-forwarded-for': `10.66.${index}.1, ${flooder}` },
  })
  sockets.push(socket)
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', () => resolve(undefined))
    // A socket the relay closed right after the handshake also counts as refused.
    socket.once('disconnect', () => resolve(undefined))
  })
}

const rssOfRelay = () => {
  const status = readFileSync(`/proc/${relay.child.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024
}

describe('relay quotas under a flood from one address', () => {
  it('caps sockets, channels and queued bytes per address; logs little; stays under the memory budget', async () => {
    const honest = await pairSessions(relay.url)
    try {
      const attempts = await Promise.all(Array.from({ length: 60 }, (_, index) => floodSocket(index)))
      const admitted = attempts.filter((socket): socket is Socket => socket?.connected === true)
      expect(admitted.length).toBeGreaterThan(1)
      expect(admitted.length).toBeLessThanOrEqual(ipMaxSockets)

      // Creates: every admitted socket asks for channels until 120 attempts were made.
      const created: ReturnType<typeof newChannel>[] = []
      const refusedCodes = new Set<string>()
      for (let attempt = 0; attempt < 120; attempt++) {
        const socket = admitted[attempt % admitted.length]!
        const channel = newChannel()
        const answer = await call(socket, 'create', channel.create)
        if (answer.ok) created.push(channel)
        else refusedCodes.add(answer.error!.code)
      }
      expect(created.length).toBe(ipMaxChannels)
      expect([...refusedCodes]).toEqual(['quota_exceeded'])

      // Fill both queues of every flood channel: nobody acknowledges.
      let queued = 0
      let full = 0
      const frame = new Uint8Array(60_000).fill(7)
      for (const [index, channel] of created.entries()) {
        const dapp = admitted[index % admitted.length]!
        const wallet = admitted[(index + 1) % admitted.length]!
        expect((await call(dapp, 'join', channel.joinDapp)).ok).toBe(true)
        expect((await call(wallet, 'join', channel.joinWallet)).ok).toBe(true)
        for (let send = 0; send < 25; send++) {
          for (const [from, channelId] of [
            [dapp, channel.channel],
            [wallet, channel.channel],
          ] as const) {
            const answer = await call(from, 'send', { channel: channelId, frame })
            if (answer.ok) queued++
            else full++
          }
        }
      }
      expect(queued).toBeGreaterThan(0)
      expect(full).toBeGreaterThan(0)

      const health = (await (await fetch(`${relay.url}/health`)).json()) as {
        status: string
        usage: { queuedBytes: number; ownedChannels: number }
      }
      expect(health.status).toBe('ok')
      // Per address: at most ipMaxChannels × 2 queues × QUEUE_MAX_BYTES (1 MiB) of frames.
      expect(health.usage.queuedBytes).toBeLessThanOrEqual(ipMaxChannels * 2 * 1_048_576)
      expect(health.usage.ownedChannels).toBe(ipMaxChannels + 1) // the flood's and the honest pair's
      expect(rssOfRelay()).toBeLessThan(memoryBudgetBytes)

      // Refusals were logged, but rate limited: a handful of lines for ~100 refused events.
      const refusalLines = relay.lines.filter((line) => line.includes('"quota_exceeded"'))
      expect(refusalLines.length).toBeGreaterThan(0)
      expect(refusalLines.length).toBeLessThanOrEqual(5)
      expect(relay.lines.join('\n')).not.toContain(flooder)

      // The honest pair on another address still works, and a new honest pair can still start.
      await expect(honest.dapp.request('request', { method: 'during-flood' })).resolves.toMatchObject({
        count: 1,
      })
      const late = await pairSessions(relay.url)
      await expect(late.dapp.request('request', { method: 'late' })).resolves.toMatchObject({ count: 1 })
      await late.dapp.disconnect()
      await late.wallet.close()
    } finally {
      await honest.dapp.disconnect()
      await honest.wallet.close()
    }
  })
})

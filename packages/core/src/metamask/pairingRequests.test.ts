import { describe, expect, it } from 'vitest'
import { createEciesKeyPair } from '../crypto/ecies.js'
import { parsePairingLink } from './pairingLink.js'
import { createPairingRequests } from './pairingRequests.js'

describe('createPairingRequests', () => {
  it('makes fresh requests with the dapp key, subscribes to each channel and keeps the first id', async () => {
    let now = 1_700_000_000_000
    const subscribed: string[] = []
    const { publicKey } = createEciesKeyPair()
    const requests = createPairingRequests({
      publicKey,
      dapp: { name: 'Dapp', url: 'https://dapp.example' },
      mode: 'trusted',
      time: { now: () => now, setTimeout: () => undefined, clearTimeout: () => {} },
      subscribe: async (channel) => void subscribed.push(channel),
    })
    expect(requests.sessionId).toBeUndefined()
    const first = await requests.next()
    now += 55_000
    const renewed = await requests.next()
    const parsed = await parsePairingLink(first.links.qrLink, now - 55_000)
    expect(parsed.sessionRequest.channel).toBe(first.channel)
    expect(parsed.metadata.dapp).toEqual({ name: 'Dapp', url: 'https://dapp.example' })
    expect(first.expiresAt).toBe(parsed.sessionRequest.expiresAt)
    expect(renewed.channel).not.toBe(first.channel)
    expect(renewed.expiresAt - first.expiresAt).toBe(55_000)
    expect(subscribed).toEqual([first.channel, renewed.channel])
    expect(requests.channels).toEqual(subscribed)
    expect(requests.sessionId).toBe(parsed.sessionRequest.id)
  })
})

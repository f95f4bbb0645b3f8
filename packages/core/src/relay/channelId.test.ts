import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deriveChannelId } from './channelId.js'
import { createRelaySession } from './createRelaySession.js'
import { parsePairingUri } from './pairingUri.js'

describe('deriveChannelId', () => {
  it('is the first 16 bytes of SHA-256("dapplink/v1/channel" ‖ token hash) (known answer)', () => {
    const tokenHash = new Uint8Array(32).fill(1)
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('dapplink/v1/channel'), Buffer.from(tokenHash)]))
      .digest()
      .subarray(0, 16)
    expect(Buffer.from(deriveChannelId(tokenHash)).toString('hex')).toBe(expected.toString('hex'))
    expect(Buffer.from(deriveChannelId(tokenHash)).toString('hex')).toBe('794bd3432374c2ceefa56610f7db107b')
  })

  it("binds a new session's channel id to the dapp token hash the engine registers", async () => {
    const sent: Record<string, unknown>[] = []
    const session = createRelaySession({
      relayUrl: 'ws://127.0.0.1:1',
      app: { name: 'x', url: 'https://x' },
      transport: () => ({
        connected: true,
        open() {},
        close() {},
        subscribe: () => () => {},
        async call(event, payload) {
          if (event === 'create') sent.push(payload)
          return { ok: false, error: { code: 'unavailable', message: 'test' } }
        },
      }),
    })
    try {
      await expect.poll(() => sent.length).toBeGreaterThan(0)
      const create = sent[0]!
      const hash = Buffer.from(create['dappTokenHash'] as string, 'base64url')
      const channelId = parsePairingUri(session.pairingUri).channelId
      expect(Buffer.from(deriveChannelId(new Uint8Array(hash))).toString('base64url')).toBe(create['channel'])
      expect(Buffer.from(channelId).toString('base64url')).toBe(create['channel'])
    } finally {
      await session.disconnect()
    }
  })
})

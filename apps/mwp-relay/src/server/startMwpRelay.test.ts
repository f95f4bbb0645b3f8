import { Centrifuge } from 'centrifuge'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { MwpRelayConfigError } from '../errors/MwpRelayError.js'
import { startMwpRelay } from './startMwpRelay.js'

describe('startMwpRelay', () => {
  it('listens on an ephemeral port of 127.0.0.1 at the Centrifugo WebSocket path, and closes', async () => {
    const relay = await startMwpRelay()
    expect(relay.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/connection\/websocket$/)
    const client = new Centrifuge(relay.url, { websocket: WebSocket })
    await new Promise<void>((resolve) => {
      client.once('connected', () => resolve())
      client.connect()
    })
    // Closing tells the client to come back later (3001 shutdown), not to give up.
    const told = new Promise<{ code: number }>((resolve) => client.once('connecting', resolve))
    await relay.close()
    expect((await told).code).toBe(3001)
    client.disconnect()
  })

  it('rejects options it cannot use with a typed error', async () => {
    await expect(startMwpRelay({ historySize: 0 })).rejects.toThrow(MwpRelayConfigError)
    await expect(startMwpRelay({ historySize: 5_000 })).rejects.toThrow('at most 1000 publications')
    await expect(startMwpRelay({ port: 70_000 })).rejects.toThrow('port is 70000')
    await expect(startMwpRelay({ maxPublicationBytes: 1.5 })).rejects.toThrow('maxPublicationBytes is 1.5')
  })
})

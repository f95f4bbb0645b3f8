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

  it('closes sockets over maxConnections (3504) and sockets that never send connect', async () => {
    const relay = await startMwpRelay({ maxConnections: 1, connectTimeoutMs: 200 })
    const closeOf = (socket: WebSocket) =>
      new Promise<{ code: number; reason: string }>((resolve) =>
        socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      )
    const first = new WebSocket(relay.url)
    const firstClosed = closeOf(first)
    await new Promise((resolve) => first.once('open', resolve))
    const second = new WebSocket(relay.url)
    expect(await closeOf(second)).toEqual({ code: 3504, reason: 'connection limit' })
    // The first one never sent connect: closed after connectTimeoutMs, the client may retry.
    expect(await firstClosed).toEqual({ code: 3012, reason: 'connect timeout' })
    await relay.close()
  })

  it('drops a subscriber that stops reading instead of queueing without bound', async () => {
    const relay = await startMwpRelay({ maxBufferedBytes: 262_144, maxPublicationBytes: 60_000 })
    const open = async () => {
      const socket = new WebSocket(relay.url)
      await new Promise((resolve) => socket.once('open', resolve))
      socket.send(JSON.stringify({ id: 1, connect: {} }))
      socket.send(JSON.stringify({ id: 2, subscribe: { channel: 'session:slow' } }))
      return socket
    }
    const reader = await open()
    const stalled = await open()
    const publications = 300
    // What the stalled client ends with: closed by the relay, or the last publication (not dropped).
    const outcome = new Promise<string>((resolve) => {
      stalled.on('message', (data) => {
        if (data.toString().includes(`"offset":${publications}`)) resolve('got everything')
      })
      stalled.once('close', () => resolve('closed'))
    })
    const socket = (stalled as unknown as { _socket: { pause(): void; resume(): void } })._socket
    socket.pause()
    const data = 'x'.repeat(50_000)
    for (let index = 0; index < publications; index++) {
      reader.send(JSON.stringify({ id: 3 + index, publish: { channel: 'session:slow', data } }))
      // Let the relay and the sockets work between publications.
      await new Promise((resolve) => setImmediate(resolve))
    }
    // 15 MB were published: far more than the socket buffers and the relay's 256 KiB allowance.
    socket.resume()
    expect(await outcome).toBe('closed')
    expect(reader.readyState).toBe(WebSocket.OPEN)
    reader.close()
    await relay.close()
  })

  it('rejects options it cannot use with a typed error', async () => {
    await expect(startMwpRelay({ historySize: 0 })).rejects.toThrow(MwpRelayConfigError)
    await expect(startMwpRelay({ historySize: 5_000 })).rejects.toThrow('at most 1000 publications')
    await expect(startMwpRelay({ port: 70_000 })).rejects.toThrow('port is 70000')
    await expect(startMwpRelay({ maxPublicationBytes: 1.5 })).rejects.toThrow('maxPublicationBytes is 1.5')
  })
})

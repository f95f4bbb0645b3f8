import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type SpawnedMwpRelay, spawnMwpRelay } from '../src/testing/spawnMwpRelay.js'

// Hand-written frames against the real relay process: malformed input gets a typed error reply
// or a Centrifugo close code, and never takes the process down.

let relay: SpawnedMwpRelay

beforeAll(async () => {
  relay = await spawnMwpRelay({ args: ['--max-publication-bytes', '1024', '--ping-interval-seconds', '1'] })
})
afterAll(async () => {
  await relay.stop()
})

type RawSocket = {
  socket: WebSocket
  next(): Promise<unknown>
  closed: Promise<{ code: number; reason: string }>
}

async function openRaw(): Promise<RawSocket> {
  const socket = new WebSocket(relay.url)
  const queue: unknown[] = []
  const waiting: ((value: unknown) => void)[] = []
  socket.on('message', (data) => {
    for (const line of data.toString().split('\n')) {
      const value = JSON.parse(line)
      const waiter = waiting.shift()
      if (waiter) waiter(value)
      else queue.push(value)
    }
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return {
    socket,
    closed,
    next: () =>
      queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve)),
  }
}

async function openConnected(): Promise<RawSocket> {
  const raw = await openRaw()
  raw.socket.send(JSON.stringify({ id: 1, connect: { name: 'raw' } }))
  expect(await raw.next()).toMatchObject({ id: 1, connect: { pong: true, ping: 1 } })
  return raw
}

describe('malformed input', () => {
  it('closes a socket that sends a line that is not JSON with 3501 bad request', async () => {
    const raw = await openRaw()
    raw.socket.send('this is not json')
    expect(await raw.closed).toEqual({ code: 3501, reason: 'bad request' })
  })

  it('closes a socket that sends a command before connect', async () => {
    const raw = await openRaw()
    raw.socket.send(JSON.stringify({ id: 1, subscribe: { channel: 'session:a' } }))
    expect((await raw.closed).code).toBe(3501)
  })

  it('answers bad fields with typed error replies and keeps serving', async () => {
    const raw = await openConnected()
    raw.socket.send(
      [
        JSON.stringify({ id: 2, subscribe: { channel: '' } }),
        JSON.stringify({ id: 3, publish: { channel: 'session:a' } }),
        JSON.stringify({ id: 4, history: { channel: 'session:a', limit: 'ten' } }),
        JSON.stringify({ id: 5, rpc: { method: 'x' } }),
        JSON.stringify({ id: 6, subscribe: 'session:a' }),
        JSON.stringify({
          id: 7,
          subscribe: { channel: 'session:a' },
          publish: { channel: 'session:a', data: 1 },
        }),
        JSON.stringify({ id: 8, subscribe: { channel: 'session:a', recover: true, offset: -1 } }),
        JSON.stringify({ id: 9, nothing: {} }),
      ].join('\n'),
    )
    const replies = await Promise.all(Array.from({ length: 8 }, () => raw.next()))
    expect(replies).toEqual([
      { id: 2, error: { code: 102, message: 'unknown channel' } },
      { id: 3, error: { code: 107, message: 'bad request' } },
      { id: 4, error: { code: 107, message: 'bad request' } },
      { id: 5, error: { code: 108, message: 'not available' } },
      { id: 6, error: { code: 107, message: 'bad request' } },
      { id: 7, error: { code: 107, message: 'bad request' } },
      { id: 8, error: { code: 107, message: 'bad request' } },
      { id: 9, error: { code: 104, message: 'method not found' } },
    ])
    raw.socket.send(JSON.stringify({ id: 10, subscribe: { channel: 'session:a' } }))
    expect(await raw.next()).toMatchObject({ id: 10, subscribe: { recoverable: true, positioned: true } })
    raw.socket.send(JSON.stringify({ id: 11, subscribe: { channel: 'session:a' } }))
    expect(await raw.next()).toEqual({ id: 11, error: { code: 105, message: 'already subscribed' } })
    raw.socket.close()
  })

  it('closes a socket that sends a frame over the size limit (1009), and the relay lives on', async () => {
    const raw = await openConnected()
    raw.socket.send(JSON.stringify({ id: 2, publish: { channel: 'session:a', data: 'x'.repeat(10_000) } }))
    expect((await raw.closed).code).toBe(1009)
    const other = await openConnected()
    other.socket.close()
    expect(relay.child.exitCode).toBeNull()
  })

  it('pings every interval and closes a socket that does not answer', async () => {
    const raw = await openConnected()
    expect(await raw.next()).toEqual({})
    // No pong: the next ping tick closes the socket.
    expect(await raw.closed).toEqual({ code: 3012, reason: 'no pong' })
  })

  it('keeps a socket that answers pings', async () => {
    const raw = await openConnected()
    for (let ping = 0; ping < 2; ping++) {
      expect(await raw.next()).toEqual({})
      raw.socket.send('{}')
    }
    expect(raw.socket.readyState).toBe(WebSocket.OPEN)
    raw.socket.close()
  })
})

import { createHash, randomBytes } from 'node:crypto'
import { io, type Socket } from 'socket.io-client'
import { boundChannelId } from '../protocol/channelBinding.js'

/** Test helpers: raw socket.io-client sockets speaking the relay events (docs/protocol.md §3). */

export type Answer = { ok: boolean; id?: number; peer?: boolean; error?: { code: string; message: string } }

/** A fresh channel: random tokens, the id bound to the dapp token, and the `create` / `join` payloads they give. */
export function newChannel() {
  const dappToken = randomBytes(32).toString('base64url')
  const walletToken = randomBytes(32).toString('base64url')
  const hash = (token: string) =>
    createHash('sha256').update(Buffer.from(token, 'base64url')).digest('base64url')
  const channel = boundChannelId(hash(dappToken))
  return {
    channel,
    dappToken,
    walletToken,
    create: { v: 1, channel, dappTokenHash: hash(dappToken), walletTokenHash: hash(walletToken) },
    joinDapp: { v: 1, channel, role: 'dapp', token: dappToken },
    joinWallet: { v: 1, channel, role: 'wallet', token: walletToken },
  }
}

/** Connects a new socket (websocket only, no auto-reconnect) and waits for `connect`. */
export async function connectClient(url: string, timeoutMs = 5_000): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no connection to ${url} within ${timeoutMs} ms`)),
      timeoutMs,
    )
    socket.once('connect', () => {
      clearTimeout(timer)
      resolve()
    })
    socket.once('connect_error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
  return socket
}

/** Emits `event` with an acknowledgement callback and resolves with the answer. */
export function call(socket: Socket, event: string, payload: unknown, timeoutMs = 5_000): Promise<Answer> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Answer>
}

/** Records every `event` a socket receives, and waits for them. */
export function recorder<T = Record<string, unknown>>(socket: Socket, event: string) {
  const received: T[] = []
  const waiters: { count: number; resolve: () => void }[] = []
  socket.on(event, (payload: T) => {
    received.push(payload)
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
  })
  return {
    received,
    /** Resolves once `count` events arrived in total; rejects after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 5_000): Promise<T[]> {
      if (received.length < count) {
        await new Promise<void>((resolve, reject) => {
          const waiter = {
            count,
            resolve: () => {
              clearTimeout(timer)
              resolve()
            },
          }
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1)
            reject(
              new Error(`expected ${count} "${event}" events, got ${received.length} within ${timeoutMs} ms`),
            )
          }, timeoutMs)
          waiters.push(waiter)
        })
      }
      return received
    },
  }
}

/**
 * A round trip on `socket`'s own connection (an `ack` on a channel it is not in, answered with an error):
 * whatever the relay emitted to this socket before answering has arrived when this resolves, so a test
 * can check that something did NOT happen without sleeping.
 */
export async function fence(socket: Socket): Promise<void> {
  const answer = await call(socket, 'ack', { channel: newChannel().channel, id: 1 })
  if (answer.ok) throw new Error('A fence ack on a fresh channel was accepted.')
}

/** Waits `ms` milliseconds (only to prove that something does NOT happen). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A made-up binary frame: the relay never parses frames. */
export const fakeFrame = (size: number, fill = 0xab) => new Uint8Array(size).fill(fill)

/** Waits until `predicate` holds, polling every 20 ms; rejects after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
  what = 'condition',
) {
  const deadline = Date.now() + timeoutMs
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`)
    await sleep(20)
  }
}

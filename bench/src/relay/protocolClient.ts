import { createHash, randomBytes } from 'node:crypto'
import { io, type Socket } from 'socket.io-client'

/** A socket.io-client socket as the dapplink clients open it: WebSocket only, no reconnection in the bench. */
export function connectSocket(url: string, timeoutMs = 20_000): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    timeout: timeoutMs,
    forceNew: true,
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close()
      reject(new Error(`No connection to ${url} within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      resolve(socket)
    })
    socket.once('connect_error', (error) => {
      clearTimeout(timer)
      socket.close()
      reject(error)
    })
  })
}

/** Emits a client event and resolves with the relay's answer; rejects on `{ ok: false }` or after `timeoutMs`. */
export async function call<answer = { ok: true }>(
  socket: Socket,
  event: string,
  payload: Record<string, unknown>,
  timeoutMs = 20_000,
): Promise<answer> {
  const reply = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as {
    ok: boolean
    error?: { code: string; message: string }
  }
  if (!reply.ok) throw new Error(`${event} refused: ${reply.error?.code} ${reply.error?.message}`)
  return reply as answer
}

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
const hash = (bytes: Uint8Array) => b64u(createHash('sha256').update(bytes).digest())

/** The two sockets of one channel, created and joined as docs/protocol.md section 3 says. */
export type ChannelPair = { channel: string; channelId: Uint8Array; dapp: Socket; wallet: Socket }

/**
 * Opens a channel the way a dapp and a wallet do (dapp: `create` then `join`; wallet: `join`), at the relay
 * protocol level only (no end-to-end handshake: the relay's cost of an idle session does not depend on it).
 */
export async function openChannelPair(dappUrl: string, walletUrl: string = dappUrl): Promise<ChannelPair> {
  const dappToken = randomBytes(32)
  const walletToken = randomBytes(32)
  // The channel id is bound to the dapp token hash (docs/protocol.md section 2); the relay checks it.
  const channelId = createHash('sha256')
    .update('dapplink/v1/channel')
    .update(createHash('sha256').update(dappToken).digest())
    .digest()
    .subarray(0, 16)
  const channel = b64u(channelId)
  const dapp = await connectSocket(dappUrl)
  try {
    await call(dapp, 'create', {
      v: 1,
      channel,
      dappTokenHash: hash(dappToken),
      walletTokenHash: hash(walletToken),
    })
    await call(dapp, 'join', { v: 1, channel, role: 'dapp', token: b64u(dappToken) })
    const wallet = await connectSocket(walletUrl)
    try {
      await call(wallet, 'join', { v: 1, channel, role: 'wallet', token: b64u(walletToken) })
    } catch (error) {
      wallet.close()
      throw error
    }
    return { channel, channelId, dapp, wallet }
  } catch (error) {
    dapp.close()
    throw error
  }
}

/** A frame of `length` bytes with a well-formed DATA header (the relay treats it as opaque). */
export function fakeFrame(channelId: Uint8Array, direction: 0 | 1, length: number): Uint8Array {
  const frame = new Uint8Array(Math.max(length, 28))
  frame.set([1, 16, direction, 0], 0)
  frame.set(channelId, 4)
  frame.set(randomBytes(frame.length - 28), 28)
  return frame
}

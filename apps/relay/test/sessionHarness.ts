import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, verify } from 'node:crypto'
import {
  type CreateRelaySessionParameters,
  createRelaySession,
  createSocketIoTransport,
  type DapplinkError,
  type RelaySession,
  type RelayTransport,
  type RelayTransportEvent,
  type RelayTransportFactory,
} from '@dapplink/core/relay'
import { type PairWithDappParameters, pairWithDapp, type WalletRelaySession } from '@dapplink/wallet/relay'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { unpackFrames } from '../src/protocol/relayMessages.js'
import { type SpawnedRelay, spawnRelay } from '../src/testing/spawnRelay.js'

// Shared helpers of the session integration tests: a real relay process, honest dapp and wallet sessions
// from @dapplink/core/relay and @dapplink/wallet/relay, and a transport wrapper that plays a malicious or
// faulty relay (inject, hold, drop, duplicate, reorder) on one client's side.

/** Generous rate limits: many sessions from 127.0.0.1 in one test file. */
export const relayEnv = {
  HOST: '127.0.0.1',
  RATE_SOCKET_EVENTS_PER_SEC: '1000',
  RATE_SOCKET_EVENTS_BURST: '2000',
  RATE_IP_CONNECTIONS_PER_SEC: '1000',
  RATE_IP_CONNECTIONS_BURST: '1000',
  RATE_IP_CREATES_PER_SEC: '1000',
  RATE_IP_CREATES_BURST: '1000',
  RATE_IP_JOINS_PER_SEC: '1000',
  RATE_IP_JOINS_BURST: '1000',
}

export function startRelayProcess(env: Record<string, string> = {}): Promise<SpawnedRelay> {
  return spawnRelay({ env: { ...relayEnv, ...env } })
}

/**
 * One relay process for a test file, and a list of cleanups run (last first) after each test.
 * Call at the top level of the file; read `relay` only inside tests.
 */
export function useRelayProcess() {
  const context = { relay: undefined as unknown as SpawnedRelay, cleanups: [] as (() => unknown)[] }
  beforeAll(async () => {
    context.relay = await startRelayProcess()
  })
  afterEach(async () => {
    for (const cleanup of context.cleanups.splice(0).reverse()) await cleanup()
  })
  afterAll(async () => {
    await context.relay?.stop()
  })
  return context
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `predicate` every 10 ms; throws after `timeoutMs` (every wait in these tests is bounded). */
export async function until(
  predicate: () => boolean,
  timeoutMs = 5_000,
  what = 'a condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(10)
  }
}

/** Short timings so faults resolve in test time. */
export const fastTiming = { retryIntervalMs: 200, handshakeTimeoutMs: 5_000, peerTimeoutMs: 5_000 }

/** An ed25519 account in tweetnacl's shape, made with node:crypto (the test app has no tweetnacl). */
export type Account = { publicKey: Uint8Array; secretKey: Uint8Array; keyObject: KeyObject }
export function createAccount(): Account {
  const { privateKey } = generateKeyPairSync('ed25519')
  const jwk = privateKey.export({ format: 'jwk' })
  const seed = Buffer.from(jwk.d!, 'base64url')
  const publicKey = Buffer.from(jwk.x!, 'base64url')
  return {
    publicKey: new Uint8Array(publicKey),
    secretKey: new Uint8Array([...seed, ...publicKey]),
    keyObject: createPublicKey(createPrivateKey({ key: { ...jwk }, format: 'jwk' })),
  }
}

/** Verifies an ed25519 signature with node:crypto (independent of the code under test). */
export function verifySignature(account: Account, message: Uint8Array, signature: Uint8Array): boolean {
  return verify(null, message, account.keyObject, signature)
}

const base58Alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
export function encodeBase58(bytes: Uint8Array): string {
  let value = 0n
  for (const byte of bytes) value = value * 256n + BigInt(byte)
  let text = ''
  while (value > 0n) {
    text = base58Alphabet[Number(value % 58n)] + text
    value /= 58n
  }
  for (const byte of bytes) {
    if (byte !== 0) break
    text = `1${text}`
  }
  return text
}

/**
 * A legacy Solana transfer transaction in wire format, built by hand: one signature slot (zeroed), header
 * [1, 0, 1], keys [payer, recipient, system program], a blockhash, and one System transfer instruction.
 * Returns the bytes and the offset of the signed message.
 */
export function buildTransfer(
  payer: Uint8Array,
  lamports: number,
): { bytes: Uint8Array; messageOffset: number } {
  const recipient = new Uint8Array(32).fill(9)
  const systemProgram = new Uint8Array(32)
  const blockhash = new Uint8Array(32).fill(lamports & 0xff)
  const data = new Uint8Array(12)
  const view = new DataView(data.buffer)
  view.setUint32(0, 2, true)
  view.setBigUint64(4, BigInt(lamports), true)
  const message = new Uint8Array([
    1,
    0,
    1,
    3,
    ...payer,
    ...recipient,
    ...systemProgram,
    ...blockhash,
    1,
    2,
    2,
    0,
    1,
    data.length,
    ...data,
  ])
  return { bytes: new Uint8Array([1, ...new Uint8Array(64), ...message]), messageOffset: 65 }
}

/**
 * A transport that wraps socket.io and lets a test act as the relay on this client's side: record and
 * rewrite what arrives, inject events, hold and release frames, drop outgoing sends.
 */
export type Interceptor = {
  readonly factory: RelayTransportFactory
  /** Frame events that reached this client, as delivered (after `rewrite`). */
  readonly received: { channel: string; id: number; frame: Uint8Array }[]
  /** Frames this client handed to the relay. */
  readonly sent: Uint8Array[]
  /** Delivers a fake relay → client event, as if the relay had sent it. */
  inject(event: RelayTransportEvent): void
  /** Holds incoming frame events for which `predicate` is true, until `release`. */
  hold(predicate: (frame: Uint8Array) => boolean): void
  /** Releases held frames in the given order (default: arrival order). */
  release(order?: (held: unknown[]) => unknown[]): void
  /** Rewrites incoming frames (return undefined to drop one). */
  rewrite(transform: ((frame: Uint8Array) => Uint8Array | undefined) | undefined): void
  /** Drops outgoing `send` events for which `predicate` is true. */
  dropOutgoing(predicate: ((frame: Uint8Array) => boolean) | undefined): void
  readonly transport: RelayTransport | undefined
  /** How many frame events are held. */
  readonly heldCount: number
}

export function createInterceptor(): Interceptor {
  const received: Interceptor['received'] = []
  const sent: Uint8Array[] = []
  const held: unknown[] = []
  let holdPredicate: ((frame: Uint8Array) => boolean) | undefined
  let rewriteFrame: ((frame: Uint8Array) => Uint8Array | undefined) | undefined
  let dropPredicate: ((frame: Uint8Array) => boolean) | undefined
  let deliver: ((event: RelayTransportEvent) => void) | undefined
  let current: RelayTransport | undefined

  const asFrame = (payload: unknown) => {
    const frame = (payload as { frame?: unknown } | null)?.frame
    return frame instanceof Uint8Array ? frame : undefined
  }

  const factory: RelayTransportFactory = (url, options) => {
    const inner = createSocketIoTransport(url, options)
    current = {
      get connected() {
        return inner.connected
      },
      open: () => inner.open(),
      close: () => inner.close(),
      call(event, payload, timeoutMs) {
        if (event === 'send' && payload['frames'] instanceof Uint8Array) {
          // A packed batch: each frame is recorded and may be dropped on its own.
          const frames = unpackFrames(payload['frames']) ?? []
          sent.push(...frames)
          const kept = frames.filter((frame) => !dropPredicate?.(frame))
          if (kept.length === 0) return Promise.resolve({ ok: true, ids: [] })
          return inner.call(event, { ...payload, frames: packFrames(kept) }, timeoutMs)
        }
        if (event === 'send') {
          const frame = payload['frame'] as Uint8Array
          sent.push(frame)
          // A dropped send still "succeeds", like a relay that lost the frame.
          if (dropPredicate?.(frame)) return Promise.resolve({ ok: true, id: 0 })
        }
        return inner.call(event, payload, timeoutMs)
      },
      subscribe(listener) {
        deliver = (event) => {
          if (event.type === 'frame') {
            const record = event.payload as { channel: string; id: number; frame: unknown }
            const frame = asFrame(record)
            if (frame) {
              const rewritten = rewriteFrame ? rewriteFrame(new Uint8Array(frame)) : frame
              if (!rewritten) return
              received.push({ channel: record.channel, id: record.id, frame: new Uint8Array(rewritten) })
              event = { type: 'frame', payload: { ...record, frame: rewritten } }
            }
          }
          listener(event)
        }
        return inner.subscribe((event) => {
          if (event.type === 'frame' && holdPredicate) {
            const frame = asFrame(event.payload)
            if (frame && holdPredicate(frame)) {
              held.push(event)
              return
            }
          }
          deliver?.(event)
        })
      },
    }
    return current
  }

  return {
    factory,
    received,
    sent,
    get transport() {
      return current
    },
    get heldCount() {
      return held.length
    },
    inject: (event) => deliver?.(event),
    hold(predicate) {
      holdPredicate = predicate
    },
    release(order = (events) => events) {
      holdPredicate = undefined
      for (const event of order(held.splice(0))) deliver?.(event as RelayTransportEvent)
    },
    rewrite(transform) {
      rewriteFrame = transform
    },
    dropOutgoing(predicate) {
      dropPredicate = predicate
    },
  }
}

export type Pair = {
  dapp: RelaySession
  wallet: WalletRelaySession
  account: Account
  dappErrors: DapplinkError[]
  walletErrors: DapplinkError[]
  /** How many times the wallet executed each `request` method call, by `params.method`. */
  executions: Map<string, number>
}

/**
 * Starts an honest dapp session and an honest wallet on `relayUrl` (or `walletRelayUrl`), pairs them and
 * connects. The wallet's generic `request` handler counts executions.
 */
export async function pairSessions(
  relayUrl: string,
  options: {
    dapp?: Partial<CreateRelaySessionParameters>
    wallet?: Partial<PairWithDappParameters>
    walletRelayUrl?: string
    connect?: boolean
  } = {},
): Promise<Pair> {
  const account = createAccount()
  const dappErrors: DapplinkError[] = []
  const walletErrors: DapplinkError[] = []
  const executions = new Map<string, number>()
  const dapp = createRelaySession({
    relayUrl,
    app: { name: 'Integration dapp', url: 'https://dapp.example' },
    onError: (error) => dappErrors.push(error),
    ...fastTiming,
    ...options.dapp,
  })
  let pairingUri = dapp.pairingUri
  if (options.walletRelayUrl) {
    const uri = new URL(pairingUri.replace('dapplink:pair?', 'https://x/?'))
    uri.searchParams.set('relay', options.walletRelayUrl)
    pairingUri = `dapplink:pair?${uri.searchParams.toString()}`
  }
  const wallet = await pairWithDapp({
    pairingUri,
    account,
    // An honest user who approves every request.
    onRequest: () => true,
    onError: (error) => walletErrors.push(error),
    ...fastTiming,
    ...options.wallet,
    handlers: {
      request: (method, params) => {
        executions.set(method, (executions.get(method) ?? 0) + 1)
        return { method, params, count: executions.get(method) }
      },
      ...options.wallet?.handlers,
    },
  })
  if (options.connect !== false) await dapp.connect()
  return { dapp, wallet, account, dappErrors, walletErrors, executions }
}

/** Errors of these classes were reported (by name), in any order. */
export const errorNames = (errors: DapplinkError[]) => errors.map((error) => error.name)

function packFrames(frames: Uint8Array[]): Uint8Array {
  const packed = Buffer.concat(
    frames.flatMap((frame) => {
      const length = Buffer.alloc(4)
      length.writeUInt32BE(frame.length)
      return [length, frame]
    }),
  )
  return new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength)
}

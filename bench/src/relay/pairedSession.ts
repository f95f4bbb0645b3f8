import {
  createRelaySession,
  createSocketIoTransport,
  type DapplinkError,
  type RelaySession,
  type RelayTransportFactory,
} from '@dapplink/core/relay'
import { pairWithDapp, type WalletRelaySession } from '@dapplink/wallet/relay'
import nacl from 'tweetnacl'

/** A dapp session and the wallet kit answering it, paired through a relay. */
export type PairedSession = {
  dapp: RelaySession
  wallet: WalletRelaySession
  /** Milliseconds from the pairing URI being ready to the dapp's channel open at the relay (`create` + `join` answered). */
  dappReadyMs: number
  /** Milliseconds from the wallet starting to pair (scanning the QR code) to both sides `connected`. */
  handshakeMs: number
  /** Milliseconds from the pairing URI being ready to both sides `connected`. */
  totalMs: number
  /** Byte lengths of the frames each side handed to the relay (`send`), in order. */
  sentFrames: { dapp: number[]; wallet: number[] }
  /** Frames the relay accepted (`send` answered ok), per side. */
  relayedFrames: { dapp: number; wallet: number }
  /** Relay events (create, join, send, ack, leave) each side emitted. */
  events: { dapp: number; wallet: number }
  close(): Promise<void>
}

const fixedSignature = nacl.randomBytes(64)

// Wraps socket.io's transport to record the size of every frame sent, and optionally to point the wallet at
// another relay node than the one in the pairing URI (the Redis scale-out run).
function recordingTransport(
  sizes: number[],
  urlOverride?: string,
  onJoined?: () => void,
  counters?: { events: number; relayed: number },
): RelayTransportFactory {
  return (relayUrl, socketOptions) => {
    const inner = createSocketIoTransport(urlOverride ?? relayUrl, socketOptions)
    return {
      get connected() {
        return inner.connected
      },
      open: () => inner.open(),
      close: () => inner.close(),
      subscribe: (listener) => inner.subscribe(listener),
      call(event, payload, timeoutMs) {
        if (event === 'send' && payload['frame'] instanceof Uint8Array) sizes.push(payload['frame'].length)
        const frames =
          payload['frames'] instanceof Uint8Array ? unpackedLengths(payload['frames']) : undefined
        if (event === 'send' && frames) sizes.push(...frames)
        if (counters) counters.events++
        const answer = inner.call(event, payload, timeoutMs)
        if (counters && event === 'send')
          void answer.then(
            (value) => {
              if ((value as { ok?: unknown } | null)?.ok === true)
                counters.relayed += frames ? frames.length : 1
            },
            () => {},
          )
        if (event === 'join' && onJoined) void answer.then(onJoined, () => {})
        return answer
      },
    }
  }
}

/**
 * Creates a dapp relay session and pairs the wallet kit with it (the kit signs with a fresh ed25519 account
 * and approves everything), then sends `connect`. Resolves once both sides are connected. The wallet starts
 * once the dapp's channel is open (a person scans a QR code shown for a while), unless `scanAtOnce`: then a
 * wallet may join before the channel exists and retry after the retry interval (1 s).
 */
export async function pairSession(
  dappUrl: string,
  walletUrl: string = dappUrl,
  options: {
    scanAtOnce?: boolean
    fixedSignature?: boolean
    pauseAfterMs?: number
    onError?: { dapp: (error: DapplinkError) => void; wallet: (error: DapplinkError) => void }
  } = {},
): Promise<PairedSession> {
  const sentFrames = { dapp: [] as number[], wallet: [] as number[] }
  const counters = { dapp: { events: 0, relayed: 0 }, wallet: { events: 0, relayed: 0 } }
  const started = performance.now()
  let dappReadyMs = Number.NaN
  let markReady = () => {}
  const dappReady = new Promise<void>((resolve) => {
    markReady = () => {
      dappReadyMs = performance.now() - started
      resolve()
    }
  })
  const dapp = createRelaySession({
    relayUrl: dappUrl,
    app: { name: 'Bench dapp', url: 'https://bench.example' },
    transport: recordingTransport(sentFrames.dapp, undefined, () => markReady(), counters.dapp),
    requestTimeoutMs: 60_000,
    ...(options.onError ? { onError: options.onError.dapp } : {}),
  })
  const dappConnected = new Promise<void>((resolve, reject) => {
    const check = () => {
      const { status } = dapp.getState()
      if (status === 'connected') resolve()
      if (status === 'cleared') reject(new Error(`The dapp session ended: ${dapp.getState().reason}`))
    }
    dapp.watchState(check)
    check()
  })
  if (!options.scanAtOnce) await dappReady
  const walletStarted = performance.now()
  const wallet = await pairWithDapp({
    pairingUri: dapp.pairingUri,
    account: nacl.sign.keyPair(),
    // The benchmark measures the protocol, not a user: every request is approved at once.
    onRequest: () => true,
    // A fixed answer isolates the protocol and relay cost from tweetnacl's ed25519 signing on the wallet.
    ...(options.fixedSignature ? { handlers: { signMessage: () => fixedSignature } } : {}),
    transport: recordingTransport(
      sentFrames.wallet,
      walletUrl === dappUrl ? undefined : walletUrl,
      undefined,
      counters.wallet,
    ),
    ...(options.pauseAfterMs === undefined ? {} : { pauseAfterMs: options.pauseAfterMs }),
    ...(options.onError ? { onError: options.onError.wallet } : {}),
  })
  await dappConnected
  const handshakeMs = performance.now() - walletStarted
  const totalMs = performance.now() - started
  await dapp.connect()
  return {
    dapp,
    wallet,
    dappReadyMs,
    handshakeMs,
    totalMs,
    sentFrames,
    get relayedFrames() {
      return { dapp: counters.dapp.relayed, wallet: counters.wallet.relayed }
    },
    get events() {
      return { dapp: counters.dapp.events, wallet: counters.wallet.events }
    },
    async close() {
      await dapp.disconnect()
      await wallet.close()
    },
  }
}

/** Times `count` sequential signMessage round trips (dapp → relay → wallet signs → relay → dapp), in ms. */
export async function timeSignMessages(
  session: RelaySession,
  count: number,
  messageBytes = 32,
): Promise<number[]> {
  const message = nacl.randomBytes(messageBytes)
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await session.signMessage(message)
    samples.push(performance.now() - started)
  }
  return samples
}

/** The frame lengths of a packed batch (`u32 length || frame`, repeated; docs/protocol.md section 3). */
function unpackedLengths(packed: Uint8Array): number[] {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength)
  const lengths: number[] = []
  for (let offset = 0; offset + 4 <= packed.byteLength; ) {
    const length = view.getUint32(offset)
    lengths.push(length)
    offset += 4 + length
  }
  return lengths
}

// A used pairing link against the real relay (apps/relay's startRelay, in this process on 127.0.0.1): it must fail fast with
// PairingLinkUsedError, not spin through the handshake timeout, and a fresh link must still pair.
import {
  createRelaySession,
  createSocketIoTransport,
  type RelaySession,
  type RelayTransport,
  type RelayTransportFactory,
  SessionClosedError,
} from '@dapplink/core/relay'
import nacl from 'tweetnacl'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
// In process from source: apps/relay depends on this package, so its build cannot come first.
import { startTestRelay } from '../../../../apps/relay/src/testing/startTestRelay.js'
import { PairingLinkUsedError } from '../errors/pairingErrors.js'
import { pairWithDapp, type WalletRelaySession } from './pairWithDapp.js'

let relay: Awaited<ReturnType<typeof startTestRelay>>
beforeAll(async () => {
  relay = await startTestRelay({ logLevel: 'warn' })
})
afterAll(async () => {
  await relay?.close()
})
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

// The default 10 s handshake timeout on the wallet: the used link must fail long before it.
const usedLinkGraceMs = 1_000

function openDapp(transport?: RelayTransportFactory): RelaySession {
  const dapp = createRelaySession({
    relayUrl: relay.url,
    app: { name: 'Test dapp', url: 'https://dapp.example' },
    retryIntervalMs: 200,
    ...(transport ? { transport } : {}),
  })
  cleanups.push(() => dapp.disconnect())
  return dapp
}

async function pairWallet(pairingUri: string): Promise<WalletRelaySession> {
  const wallet = await pairWithDapp({
    pairingUri,
    account: nacl.sign.keyPair(),
    onRequest: () => true,
    usedLinkGraceMs,
  })
  cleanups.push(() => wallet.close())
  return wallet
}

async function failure(pairingUri: string): Promise<{ error: unknown; elapsedMs: number }> {
  const started = Date.now()
  try {
    await pairWallet(pairingUri)
  } catch (error) {
    return { error, elapsedMs: Date.now() - started }
  }
  throw new Error('the used link paired')
}

describe('pairWithDapp with a used pairing link (real relay)', () => {
  it('fails fast when the dapp ended the session of the link (the relay closed its channel)', async () => {
    const dapp = openDapp()
    const connected = dapp.connect()
    await pairWallet(dapp.pairingUri)
    await connected
    await dapp.disconnect()

    const { error, elapsedMs } = await failure(dapp.pairingUri)
    expect(error).toBeInstanceOf(PairingLinkUsedError)
    expect(error).toBeInstanceOf(SessionClosedError)
    expect((error as PairingLinkUsedError).usedLinkReason).toBe('channel-gone')
    expect((error as PairingLinkUsedError).shortMessage).toBe(
      'This pairing link was already used, or the dapp ended its session. Ask the dapp for a new QR code.',
    )
    expect(elapsedMs).toBeGreaterThanOrEqual(usedLinkGraceMs)
    expect(elapsedMs).toBeLessThan(5_000)
  })

  it('fails fast when the dapp is paired with another wallet', async () => {
    const dapp = openDapp()
    const connected = dapp.connect()
    const first = await pairWallet(dapp.pairingUri)
    await connected

    const { error, elapsedMs } = await failure(dapp.pairingUri)
    expect(error).toBeInstanceOf(PairingLinkUsedError)
    expect((error as PairingLinkUsedError).usedLinkReason).toBe('dapp-busy')
    expect((error as PairingLinkUsedError).shortMessage).toBe(
      'The dapp did not answer this pairing link: another wallet already used it. Ask the dapp for a new QR code.',
    )
    expect(elapsedMs).toBeLessThan(5_000)
    expect(first.verificationCode).toMatch(/^\d{6}$/)
    // The relay refused the used link (pairing_used): the paired wallet was never replaced.
    expect(first.getState().status).toBe('connected')
    await expect(dapp.request('signMessage', { message: 'aGk=' })).resolves.toMatchObject({
      signature: expect.any(String),
    })
  })

  it('fails fast when the dapp page went away without closing the channel (its leave was lost)', async () => {
    // The dapp's socket drops with neither `terminate` nor `leave`, as when a page crashes.
    const sockets: RelayTransport[] = []
    const recorded: RelayTransportFactory = (url, options) => {
      const transport = createSocketIoTransport(url, options)
      sockets.push(transport)
      return transport
    }
    const dapp = openDapp(recorded)
    const connected = dapp.connect()
    await pairWallet(dapp.pairingUri)
    await connected
    for (const socket of sockets) socket.close()

    const { error, elapsedMs } = await failure(dapp.pairingUri)
    expect(error).toBeInstanceOf(PairingLinkUsedError)
    expect((error as PairingLinkUsedError).usedLinkReason).toBe('dapp-gone')
    expect((error as PairingLinkUsedError).shortMessage).toBe(
      'The dapp of this pairing link is gone: its page was closed or reloaded. Ask the dapp for a new QR code.',
    )
    expect(elapsedMs).toBeLessThan(5_000)
  })

  it('still pairs a fresh link when the wallet joins before the dapp created the channel', async () => {
    // The dapp's `create` reaches the relay 600 ms late: the wallet is refused `unknown_channel` meanwhile.
    const lateCreate: RelayTransportFactory = (url, options) => {
      const inner = createSocketIoTransport(url, options)
      return {
        get connected() {
          return inner.connected
        },
        open: () => inner.open(),
        close: () => inner.close(),
        subscribe: (listener) => inner.subscribe(listener),
        async call(event, payload, timeoutMs) {
          if (event === 'create') await new Promise((resolve) => setTimeout(resolve, 600))
          return inner.call(event, payload, timeoutMs)
        },
      }
    }
    const dapp = openDapp(lateCreate)
    const connected = dapp.connect()
    const wallet = await pairWallet(dapp.pairingUri)
    await connected
    expect(wallet.verificationCode).toBe(dapp.getState().verificationCode)
  })
})

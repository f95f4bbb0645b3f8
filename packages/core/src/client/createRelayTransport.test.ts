import { afterEach, describe, expect, it } from 'vitest'
import { RequestCancelledError } from '../errors/deeplink.js'
import { SessionClosedError } from '../errors/relay.js'
import { parsePairingUri } from '../relay/pairingUri.js'
import { createSessionEngine, type SessionEngineMessage } from '../relay/sessionEngine.js'
import { createMemoryRelay, type MemoryRelay } from '../test/memoryRelay.js'
import { createWalletClient } from './createWalletClient.js'
import type { WalletStatus } from './walletState.js'

const account = '9xgMXw7nrN39BoN9rJuGV6B9LwBNYXAJAMfeACcdyLMP'
const fast = { retryIntervalMs: 40, handshakeTimeoutMs: 2_000, peerTimeoutMs: 2_000 }
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function until(predicate: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * The wallet side on the shared protocol engine: shares `account` on connect, answers other requests unless
 * `hold`, and records every request and cancel it receives.
 */
function startWallet(
  relay: MemoryRelay,
  pairingUri: string,
  options: { hold?: boolean; received?: SessionEngineMessage[] } = {},
) {
  const pairing = parsePairingUri(pairingUri)
  const engine = createSessionEngine({
    role: 'wallet',
    relayUrl: pairing.relayUrl,
    channelId: pairing.channelId,
    secret: pairing.secret,
    dappPublicKey: pairing.dappPublicKey,
    transport: relay.transport,
    ...fast,
    onMessage(message) {
      options.received?.push(message)
      if (message.kind !== 'request') return
      if (options.hold && message.request.method !== 'connect') return
      const result = message.request.method === 'connect' ? { accounts: [account] } : {}
      void engine.send({ jsonrpc: '2.0', id: message.request.id, result } as never)
    },
  })
  engine.start()
  cleanups.push(() => engine.close('disconnected', { leave: false }))
  return engine
}

/** A wallet client whose relay transport runs on an in-memory relay. */
function relayClient() {
  const relay = createMemoryRelay()
  const client = createWalletClient({
    appUrl: 'https://dapp.test',
    relay: { url: 'ws://127.0.0.1:1', transport: relay.transport, ...fast },
  })
  cleanups.push(() => client.disconnect())
  return { relay, client }
}

describe('the relay transport of the wallet client (in-memory relay)', () => {
  it('maps the session lifecycle: pairing, verification code, connected, reconnecting, ended by the wallet', async () => {
    const { relay, client } = relayClient()
    const statuses: WalletStatus[] = []
    client.watchState((state, previous) => {
      if (state.status !== previous.status) statuses.push(state.status)
    })

    const connecting = client.connect({ transport: 'relay' })
    await until(() => client.getState().pairingUri !== null)
    expect(client.getState()).toMatchObject({ status: 'connecting', verificationCode: null })
    const wallet = startWallet(relay, client.getState().pairingUri!)
    await expect(connecting).resolves.toEqual({ publicKey: account })
    expect(client.getState()).toMatchObject({
      status: 'connected',
      publicKey: account,
      transport: 'relay',
      pairingUri: null,
      // The code stays while the session lives: the wallet keeps showing it.
      verificationCode: wallet.getState().verificationCode,
    })
    expect(client.getState().verificationCode).toMatch(/^\d{6}$/)
    const code = client.getState().verificationCode

    // The relay restarts: the dapp reconnects, re-creates the channel and comes back.
    relay.restart(150)
    await until(() => client.getState().status === 'reconnecting')
    expect(client.getState().verificationCode).toBe(code)
    await until(() => client.getState().status === 'connected')
    expect(client.getState()).toMatchObject({ publicKey: account, verificationCode: code })

    // The wallet ends the session.
    await wallet.close('terminated', { leave: true, terminate: true })
    await until(() => client.getState().status === 'disconnected')
    expect(client.getState().error).toBeInstanceOf(SessionClosedError)
    expect((client.getState().error as SessionClosedError).reason).toBe('terminated')
    expect(client.getState().verificationCode).toBeNull()
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected', 'disconnected'])
  })
})

describe('a cancelled relay request', () => {
  it('reaches the wallet: cancelPendingRequest seals a cancel for the pending request id', async () => {
    const { relay, client } = relayClient()
    const received: SessionEngineMessage[] = []
    const connecting = client.connect({ transport: 'relay' })
    await until(() => client.getState().pairingUri !== null)
    startWallet(relay, client.getState().pairingUri!, { hold: true, received })
    await connecting
    const pending = client.signMessage('held by the wallet')
    pending.catch(() => {})
    await until(() =>
      received.some((message) => message.kind === 'request' && message.request.method === 'signMessage'),
    )
    const signMessage = received.find(
      (message) => message.kind === 'request' && message.request.method === 'signMessage',
    )
    // The sealed request carries its deadline: the dapp's clock plus the default 300 s timeout.
    expect(signMessage?.kind === 'request' && signMessage.request.deadline).toBeGreaterThan(
      Date.now() + 290_000,
    )
    expect(client.cancelPendingRequest()).toBe(true)
    await expect(pending).rejects.toBeInstanceOf(RequestCancelledError)
    await until(() => received.some((message) => message.kind === 'cancel'))
    expect(received.find((message) => message.kind === 'cancel')).toEqual({
      kind: 'cancel',
      id: signMessage?.kind === 'request' ? signMessage.request.id : -1,
    })
  })
})

describe('the pairing URI in client state', () => {
  it('is dropped (with the wallet link) once the wallet has joined and the handshake is done', async () => {
    const relay = createMemoryRelay()
    const client = createWalletClient({
      appUrl: 'https://dapp.test',
      relay: {
        url: 'ws://127.0.0.1:1',
        transport: relay.transport,
        walletLinkBaseUrl: 'https://wallet.test/dl/',
        ...fast,
      },
    })
    cleanups.push(() => client.disconnect())
    const connecting = client.connect({ transport: 'relay' })
    connecting.catch(() => {})
    await until(() => client.getState().pairingUri !== null)
    expect(client.getState().walletLink).not.toBeNull()
    // A wallet that joins and completes the handshake, but whose user has not approved connect yet.
    const pairing = parsePairingUri(client.getState().pairingUri!)
    const engine = createSessionEngine({
      role: 'wallet',
      relayUrl: pairing.relayUrl,
      channelId: pairing.channelId,
      secret: pairing.secret,
      dappPublicKey: pairing.dappPublicKey,
      transport: relay.transport,
      ...fast,
      onMessage() {},
    })
    engine.start()
    cleanups.push(() => engine.close('disconnected', { leave: false }))
    await until(() => client.getState().verificationCode !== null)
    expect(client.getState()).toMatchObject({ status: 'connecting', pairingUri: null, walletLink: null })
  })
})

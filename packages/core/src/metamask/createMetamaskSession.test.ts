import { type SpawnedMwpRelay, spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import { Centrifuge } from 'centrifuge'
import nacl from 'tweetnacl'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { decodeBase58 } from '../crypto/base58.js'
import { createEciesKeyPair, eciesEncrypt } from '../crypto/ecies.js'
import {
  ConnectionRequestExpiredError,
  HandshakeOfferError,
  IncorrectOtpError,
  MetamaskSessionClosedError,
} from '../errors/metamask.js'
import { RequestAbortedError, RequestTimeoutError } from '../errors/relay.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { MwpTestWallet, solanaMainnet } from '../test/mwpTestWallet.js'
import { bytesToBase64 } from './base64.js'
import {
  type CreateMetamaskSessionParameters,
  createMetamaskSession,
  type MetamaskSession,
} from './createMetamaskSession.js'
import { parsePairingLink } from './pairingLink.js'
import { realTime } from './timers.js'

// Against the real relay process (apps/mwp-relay) and a wallet built on MetaMask's own MWP core package.

let relay: SpawnedMwpRelay
const open: { close(): unknown }[] = []
beforeAll(async () => {
  relay = await spawnMwpRelay()
})
afterAll(async () => {
  await relay.stop()
})
afterEach(async () => {
  // Newest first: a session says goodbye to its wallet before the wallet goes.
  for (const item of open.splice(0).reverse()) await item.close()
})

const dapp = { name: 'Test dapp', url: 'https://dapp.example' }

async function newWallet() {
  const wallet = await MwpTestWallet.create(relay.url)
  open.push({ close: () => wallet.disconnect().catch(() => {}) })
  return wallet
}

function newSession(overrides: Partial<CreateMetamaskSessionParameters> = {}) {
  const warnings: Error[] = []
  const session = createMetamaskSession({
    dapp,
    relayUrl: relay.url,
    WebSocket: WebSocket as never,
    onWarning: (error) => warnings.push(error),
    ...overrides,
  })
  open.push({ close: () => session.disconnect() })
  return { session, warnings }
}

function nextPairingUri(session: MetamaskSession, after: string | null = null): Promise<string> {
  return new Promise((resolve) => {
    const check = () => {
      const uri = session.getState().pairingUri
      if (uri && uri !== after) {
        stop()
        resolve(uri)
      }
    }
    const stop = session.watchState(check)
    check()
  })
}

function until(session: MetamaskSession, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve()
    const stop = session.watchState(() => {
      if (!predicate()) return
      stop()
      resolve()
    })
  })
}

async function paired(overrides: Partial<CreateMetamaskSessionParameters> = {}) {
  const wallet = await newWallet()
  const { session, warnings } = newSession(overrides)
  const connecting = session.connect()
  const request = await parsePairingLink(await nextPairingUri(session), Date.now())
  await wallet.pair(request)
  const scopes = await connecting
  return { wallet, session, warnings, scopes }
}

const signMessage = (session: MetamaskSession, address: string, message: Uint8Array, options = {}) =>
  session.request(
    'wallet_invokeMethod',
    {
      scope: solanaMainnet,
      request: { method: 'signMessage', params: { message: bytesToBase64(message), account: { address } } },
    },
    options,
  ) as Promise<{ signature: string; signedMessage: string }>

describe('a MetaMask session through the local relay', () => {
  it('pairs (trusted), gets the Solana and EVM accounts, and a verified signMessage', async () => {
    const { wallet, session, scopes, warnings } = await paired()
    expect(session.getState().status).toBe('connected')
    expect(scopes[solanaMainnet]?.accounts).toEqual([`${solanaMainnet}:${wallet.address}`])
    expect(wallet.received[0]?.method).toBe('wallet_createSession')
    expect(wallet.received[0]?.params).toMatchObject({
      sessionProperties: { solana_accountChanged_notifications: true },
    })
    const message = new TextEncoder().encode('hello MetaMask')
    const result = await signMessage(session, wallet.address, message)
    expect(
      nacl.sign.detached.verify(message, decodeBase58(result.signature), wallet.solana.publicKey.toBytes()),
    ).toBe(true)
    expect(warnings).toEqual([])
  })

  it('touches no storage: keys and session live in memory only', async () => {
    // The wallet (MetaMask's centrifuge client reads localStorage) is made before the spies go in.
    const wallet = await newWallet()
    const touched: string[] = []
    const spy = (name: string) =>
      new Proxy(
        {},
        {
          get: (_, key) => {
            touched.push(`${name}.${String(key)}`)
            return () => null
          },
        },
      )
    const names = ['localStorage', 'sessionStorage', 'indexedDB', 'document'] as const
    const globals = globalThis as Record<string, unknown>
    for (const name of names) globals[name] = spy(name)
    try {
      const { session } = newSession()
      const connecting = session.connect()
      await wallet.pair(await parsePairingLink(await nextPairingUri(session), Date.now()))
      await connecting
      await signMessage(session, wallet.address, new TextEncoder().encode('in memory'))
      await session.disconnect()
    } finally {
      for (const name of names) delete globals[name]
    }
    expect(touched).toEqual([])
  })

  it('turns a wallet error into its typed error', async () => {
    const { wallet, session } = await paired()
    wallet.behaviour.rejectNext = true
    await expect(signMessage(session, wallet.address, new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(
      UserRejectedRequestError,
    )
  })

  it('passes account changes from wallet_notify to listeners', async () => {
    const { wallet, session } = await paired()
    const seen = new Promise<unknown>((resolve) =>
      session.onNotification((_, method, params) => method === 'wallet_notify' && resolve(params)),
    )
    await wallet.notifyAccountChanged('9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin')
    expect(await seen).toMatchObject({
      notification: {
        method: 'metamask_accountsChanged',
        params: ['9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin'],
      },
    })
  })

  it('shows paused while the wallet is in the background, and goes on when it returns', async () => {
    const { wallet, session } = await paired({ quietAfterMs: 200 })
    await wallet.goToBackground()
    const message = new TextEncoder().encode('while away')
    const answer = signMessage(session, wallet.address, message)
    await until(session, () => session.getState().status === 'paused')
    await wallet.comeBack()
    const { signature } = await answer
    expect(
      nacl.sign.detached.verify(message, decodeBase58(signature), wallet.solana.publicKey.toBytes()),
    ).toBe(true)
    expect(session.getState().status).toBe('connected')
  })

  it('survives the relay dropping and coming back', async () => {
    const { wallet, session } = await paired()
    const port = relay.port
    await relay.kill()
    await until(session, () => session.getState().status === 'reconnecting')
    relay = await spawnMwpRelay({ env: { PORT: String(port) } })
    await until(session, () => session.getState().status === 'connected')
    // The wallet's own centrifuge client reconnects as well.
    const message = new TextEncoder().encode('after the drop')
    const { signature } = await signMessage(session, wallet.address, message, { timeoutMs: 15_000 })
    expect(
      nacl.sign.detached.verify(message, decodeBase58(signature), wallet.solana.publicKey.toBytes()),
    ).toBe(true)
  })

  it('recovers an answer published while its own socket was down (history recovery)', async () => {
    const { wallet, session } = await paired()
    wallet.behaviour.silent = true
    const message = new TextEncoder().encode('recovered')
    const answer = signMessage(session, wallet.address, message)
    await vi.waitFor(() => expect(wallet.received.at(-1)?.method).toBe('wallet_invokeMethod'), {
      timeout: 5_000,
    })
    session.reconnect() // the dapp's socket drops; it comes back after its reconnect delay
    wallet.behaviour.silent = false
    await wallet.answerLate() // published while the dapp is away
    const { signature } = await answer
    expect(
      nacl.sign.detached.verify(message, decodeBase58(signature), wallet.solana.publicKey.toBytes()),
    ).toBe(true)
  })

  it('rejects pending requests with a typed error when the dapp disconnects', async () => {
    const { wallet, session } = await paired()
    wallet.behaviour.silent = true
    const answer = signMessage(session, wallet.address, new Uint8Array([1, 2, 3]))
    await session.disconnect()
    await expect(answer).rejects.toBeInstanceOf(MetamaskSessionClosedError)
    expect(session.getState().status).toBe('cleared')
  })

  it('aborts a request with an AbortSignal', async () => {
    const { wallet, session } = await paired()
    wallet.behaviour.silent = true
    const controller = new AbortController()
    const answer = signMessage(session, wallet.address, new Uint8Array([1, 2, 3]), {
      signal: controller.signal,
    })
    controller.abort()
    await expect(answer).rejects.toBeInstanceOf(RequestAbortedError)
  })
})

describe('a wallet that goes silent or drops the session', () => {
  it('drops an answer that arrives after the dapp gave up, and goes on', async () => {
    const { wallet, session, warnings } = await paired({ probeTimeoutMs: 5_000 })
    wallet.behaviour.silent = true
    await expect(
      signMessage(session, wallet.address, new Uint8Array([1, 2, 3]), { timeoutMs: 150 }),
    ).rejects.toBeInstanceOf(RequestTimeoutError)
    wallet.behaviour.silent = false
    await wallet.answerLate()
    const message = new TextEncoder().encode('still here')
    const { signature } = await signMessage(session, wallet.address, message)
    expect(
      nacl.sign.detached.verify(message, decodeBase58(signature), wallet.solana.publicKey.toBytes()),
    ).toBe(true)
    expect(session.getState().status).toBe('connected')
    expect(warnings).toEqual([])
  })

  it('ends with reason wallet-silent when the wallet answers nothing, not even wallet_getSession', async () => {
    const { wallet, session } = await paired({ probeTimeoutMs: 300 })
    wallet.behaviour.silent = true
    await expect(
      signMessage(session, wallet.address, new Uint8Array([1, 2, 3]), { timeoutMs: 150 }),
    ).rejects.toBeInstanceOf(RequestTimeoutError)
    await until(session, () => session.getState().status === 'cleared')
    expect((session.getState().error as MetamaskSessionClosedError).reason).toBe('wallet-silent')
  })

  it('ends with reason session-revoked when wallet_getSession is empty', async () => {
    const { wallet, session } = await paired()
    wallet.behaviour.revoked = true
    await session.checkSession()
    expect(session.getState().status).toBe('cleared')
    expect((session.getState().error as MetamaskSessionClosedError).reason).toBe('session-revoked')
  })
})

describe('bad input on the wire', () => {
  /** A raw centrifuge client on the same relay: what anyone who learns a channel name can do. */
  async function intruder() {
    const client = new Centrifuge(relay.url, { websocket: WebSocket as never })
    open.push({ close: () => client.disconnect() })
    client.connect()
    await client.ready(5_000)
    return client
  }

  it('ignores an offer sealed to the wrong key (typed warning), then pairs with the real wallet', async () => {
    const wallet = await newWallet()
    const { session, warnings } = newSession()
    const connecting = session.connect()
    const request = await parsePairingLink(await nextPairingUri(session), Date.now())
    const attacker = await intruder()
    const wrongKey = createEciesKeyPair().publicKey
    const sealed = await eciesEncrypt(wrongKey, new TextEncoder().encode('{"type":"handshake-offer"}'))
    await attacker.publish(
      request.sessionRequest.channel,
      JSON.stringify({ clientId: 'attacker', nonce: 1, payload: bytesToBase64(sealed) }),
    )
    await vi.waitFor(() => expect(warnings.length).toBeGreaterThan(0), { timeout: 5_000 })
    expect(warnings[0]).toBeInstanceOf(HandshakeOfferError)
    await wallet.pair(request)
    await connecting
    expect(session.getState().status).toBe('connected')
  })

  it('drops tampered, replayed and unknown-sender publications on the session channel', async () => {
    const { wallet, session, warnings } = await paired()
    const channel = (wallet as unknown as { session: { channel: string } }).session.channel
    const attacker = await intruder()
    const captured: string[] = []
    const sub = attacker.newSubscription(channel)
    sub.on('publication', (context) => captured.push(context.data as string))
    sub.subscribe()
    await sub.ready(5_000)
    const message = new TextEncoder().encode('one')
    await signMessage(session, wallet.address, message)
    expect(captured).toHaveLength(2) // the dapp's request, then the wallet's answer
    const walletAnswer = captured[1]!
    // The same publication again: a replay, dropped silently.
    for (const data of captured.slice(0, 2)) await attacker.publish(channel, data)
    // A tampered copy with a fresh nonce from the wallet's id: a typed decryption warning, nothing else.
    const envelope = JSON.parse(walletAnswer)
    const bytes = Buffer.from(envelope.payload, 'base64')
    bytes[bytes.length - 1]! ^= 1
    await attacker.publish(
      channel,
      JSON.stringify({ ...envelope, nonce: 1_000, payload: bytes.toString('base64') }),
    )
    // A well-sealed answer copied under another client id: dropped (unknown sender).
    await attacker.publish(
      channel,
      JSON.stringify({ clientId: 'stranger', nonce: 1, payload: envelope.payload }),
    )
    const second = new TextEncoder().encode('two')
    const { signature } = await signMessage(session, wallet.address, second)
    expect(
      nacl.sign.detached.verify(second, decodeBase58(signature), wallet.solana.publicKey.toBytes()),
    ).toBe(true)
    expect(warnings.map((error) => error.name)).toEqual(['DecryptionError'])
    expect(session.getState().status).toBe('connected')
  })

  it('fails an untrusted pairing after three wrong codes with a typed reason', async () => {
    const wallet = await newWallet()
    const rejections: unknown[] = []
    const { session } = newSession({
      mode: 'untrusted',
      onOtpRequired: async (submit) => {
        for (const code of ['111111', '222222', '333333'])
          await submit(code).catch((error) => rejections.push(error))
      },
    })
    const connecting = session.connect()
    const request = await parsePairingLink(await nextPairingUri(session), Date.now())
    expect(request.sessionRequest.mode).toBe('untrusted')
    await wallet.pair(request, { otp: true })
    const error = await connecting.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MetamaskSessionClosedError)
    expect((error as MetamaskSessionClosedError).reason).toBe('otp-attempts-exhausted')
    expect(rejections.slice(0, 2).every((rejection) => rejection instanceof IncorrectOtpError)).toBe(true)
  })

  it('completes an untrusted pairing with the right code (and acknowledges it)', async () => {
    const wallet = await newWallet()
    const { session } = newSession({ mode: 'untrusted', onOtpRequired: (submit) => void submit(wallet.otp) })
    const connecting = session.connect()
    const request = await parsePairingLink(await nextPairingUri(session), Date.now())
    await wallet.pair(request, { otp: true })
    await connecting
    expect(session.getState().status).toBe('connected')
  })

  it('renews the QR code before it expires; the wallet pairs with the new one', async () => {
    const wallet = await newWallet()
    const { session } = newSession({ renewBeforeMs: 59_700 })
    const connecting = session.connect()
    const first = await nextPairingUri(session)
    const second = await nextPairingUri(session, first)
    const [firstRequest, secondRequest] = await Promise.all([
      parsePairingLink(first, Date.now()),
      parsePairingLink(second, Date.now()),
    ])
    expect(secondRequest.sessionRequest.id).not.toBe(firstRequest.sessionRequest.id)
    expect(secondRequest.sessionRequest.publicKeyB64).toBe(firstRequest.sessionRequest.publicKeyB64)
    await wallet.pair(secondRequest)
    await connecting
    expect(session.getState()).toMatchObject({ status: 'connected', pairingUri: null })
  })

  it('fails with a typed error once an unrenewed request expires', async () => {
    let skew = 0
    const time = { ...realTime, now: () => Date.now() + skew }
    const { session } = newSession({ time, pairingTimeoutMs: 0 })
    const connecting = session.connect().catch((caught: unknown) => caught)
    const first = await nextPairingUri(session)
    skew = 120_000
    const error = await connecting
    expect(error).toBeInstanceOf(ConnectionRequestExpiredError)
    expect(first.startsWith('metamask://connect/mwp?p=')).toBe(true)
  })
})

import {
  type CreateRelaySessionParameters,
  createRelaySession,
  HandshakeTimeoutError,
  InvalidPairingUriError,
  MethodNotFoundError,
  type RelaySession,
  UnauthorizedError,
  UserRejectedRequestError,
} from '@dapplink/core/relay'
import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeSessionTimers } from '../../../core/src/test/fakeSessionTimers.js'
import { createMemoryRelay } from '../../../core/src/test/memoryRelay.js'
import { WalletConfigurationError } from '../errors/WalletConfigurationError.js'
import { type PairWithDappParameters, pairWithDapp, type WalletRelaySession } from './pairWithDapp.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(predicate: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition')
    await sleep(5)
  }
}
const fast = { retryIntervalMs: 100, handshakeTimeoutMs: 2_000, peerTimeoutMs: 2_000 }
/** Lets in-flight relay I/O (the in-memory relay, WebCrypto) finish; fake time stands still meanwhile. */
const settleIo = () => sleep(30)
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function pair(
  options: { dapp?: Partial<CreateRelaySessionParameters>; wallet?: Partial<PairWithDappParameters> } = {},
): Promise<{ dapp: RelaySession; wallet: WalletRelaySession; account: nacl.SignKeyPair }> {
  const relay = createMemoryRelay()
  const account = nacl.sign.keyPair()
  const dapp = createRelaySession({
    relayUrl: 'ws://127.0.0.1:1',
    app: { name: 'Test dapp', url: 'https://dapp.example' },
    transport: relay.transport,
    ...fast,
    ...options.dapp,
  })
  cleanups.push(() => dapp.disconnect())
  const wallet = await pairWithDapp({
    pairingUri: dapp.pairingUri,
    account,
    transport: relay.transport,
    // The test plays a user who approves everything.
    onRequest: () => true,
    ...fast,
    ...options.wallet,
  })
  cleanups.push(() => wallet.close())
  return { dapp, wallet, account }
}

/** `pair` with every session timer on `timers`; fake time moves in small steps until both sides are paired. */
async function pairOnFakeTime(
  timers: FakeSessionTimers,
  options: { dapp?: Partial<CreateRelaySessionParameters>; wallet?: Partial<PairWithDappParameters> } = {},
): ReturnType<typeof pair> {
  let paired = false
  const pairing = pair({
    dapp: { ...options.dapp, timers },
    wallet: { ...options.wallet, timers },
  }).finally(() => {
    paired = true
  })
  while (!paired) {
    timers.advance(5)
    await sleep(2)
  }
  return pairing
}

function transferTransaction(payer: PublicKey): Transaction {
  const transaction = new Transaction({
    feePayer: payer,
    recentBlockhash: bs58.encode(new Uint8Array(32).fill(7)),
  })
  transaction.add(
    SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 1 }),
  )
  return transaction
}

describe('pairWithDapp', () => {
  it('pairs, shows the same code as the dapp, and answers every verb with real ed25519 signatures', async () => {
    const sent: Uint8Array[] = []
    const { dapp, wallet, account } = await pair({
      wallet: {
        handlers: {
          sendTransaction: async (signed) => {
            sent.push(signed)
            return bs58.encode(signed.subarray(1, 65))
          },
          request: (method, params) => ({ method, params }),
        },
      },
    })
    expect(wallet.verificationCode).toMatch(/^\d{6}$/)
    expect(wallet.dapp.name).toBe('Test dapp')
    const { accounts } = await dapp.connect()
    expect(accounts).toEqual([bs58.encode(account.publicKey)])
    expect(dapp.getState().verificationCode).toBe(wallet.verificationCode)

    const message = new TextEncoder().encode('Sign in to Test dapp')
    const { signature } = await dapp.signMessage(message)
    expect(nacl.sign.detached.verify(message, signature, account.publicKey)).toBe(true)

    const payer = new PublicKey(account.publicKey)
    const signed = Transaction.from((await dapp.signTransaction(transferTransaction(payer))).transaction)
    expect(signed.verifySignatures()).toBe(true)

    const versioned = new VersionedTransaction(
      new TransactionMessage({
        payerKey: payer,
        recentBlockhash: bs58.encode(new Uint8Array(32).fill(8)),
        instructions: [SystemProgram.transfer({ fromPubkey: payer, toPubkey: payer, lamports: 2 })],
      }).compileToV0Message(),
    )
    const { transactions: all } = await dapp.signAllTransactions([transferTransaction(payer), versioned])
    expect(Transaction.from(all[0]!).verifySignatures()).toBe(true)
    const signedVersioned = VersionedTransaction.deserialize(all[1]!)
    expect(
      nacl.sign.detached.verify(
        signedVersioned.message.serialize(),
        signedVersioned.signatures[0]!,
        account.publicKey,
      ),
    ).toBe(true)

    const { transactionSignature: sentSignature } = await dapp.signAndSendTransaction(
      transferTransaction(payer),
      {
        sendOptions: { skipPreflight: true },
      },
    )
    expect(sent).toHaveLength(1)
    expect(sentSignature).toBe(bs58.encode(Transaction.from(sent[0]!).signature!))

    expect(await dapp.request('request', { method: 'getCapabilities', params: [1] })).toEqual({
      method: 'getCapabilities',
      params: [1],
    })
    expect(await dapp.request('disconnect', {})).toEqual({})
    await expect(dapp.signMessage('after disconnect')).rejects.toBeInstanceOf(UnauthorizedError)
  })

  it('asks onRequest before each request; a refusal is UserRejectedRequestError (4001)', async () => {
    const seen: string[] = []
    const { dapp } = await pair({
      wallet: {
        onRequest: (request, context) => {
          seen.push(`${request.method}:${context.dapp.name}`)
          return request.method !== 'signMessage'
        },
      },
    })
    await dapp.connect()
    const error = await dapp.signMessage('no').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UserRejectedRequestError)
    expect(seen).toEqual(['connect:Test dapp', 'signMessage:Test dapp'])
  })

  it('refuses requests before connect (4100), unknown methods (-32601), bad params (-32000), foreign signers', async () => {
    const { dapp } = await pair()
    await expect(dapp.signMessage('x')).rejects.toBeInstanceOf(UnauthorizedError)
    await dapp.connect()
    await expect(dapp.request('request', { method: 'x' })).rejects.toBeInstanceOf(MethodNotFoundError)
    await expect(dapp.request('signMessage', { message: '***' })).rejects.toMatchObject({ code: -32000 })
    await expect(dapp.request('bogus' as never, {})).rejects.toMatchObject({ code: -32601 })
    // A transaction the account does not have to sign is refused, not signed.
    await expect(
      dapp.signTransaction(transferTransaction(Keypair.generate().publicKey)),
    ).rejects.toMatchObject({ code: -32000 })
    await expect(
      dapp.signAndSendTransaction(transferTransaction(Keypair.generate().publicKey)),
    ).rejects.toBeInstanceOf(MethodNotFoundError)
  })

  it('refuses a transaction message sent as signMessage (-32000), as the deeplink wallet does', async () => {
    const signed: Uint8Array[] = []
    const { dapp, account } = await pair({
      wallet: {
        handlers: {
          signMessage: (message) => {
            signed.push(message)
            return new Uint8Array(64)
          },
        },
      },
    })
    await dapp.connect()
    const payer = new PublicKey(account.publicKey)
    const message = transferTransaction(payer).serializeMessage()
    await expect(dapp.signMessage(message)).rejects.toMatchObject({
      code: -32000,
      message: expect.stringMatching(/transaction message/),
    })
    expect(signed).toHaveLength(0)
    // The session goes on: an ordinary message is still signed.
    const hello = new TextEncoder().encode('hello')
    expect((await dapp.signMessage(hello)).signature).toHaveLength(64)
  })

  it('hands onRequest the message as text when it is UTF-8', async () => {
    const texts: (string | undefined)[] = []
    const { dapp } = await pair({
      wallet: {
        onRequest: (request) => {
          if (request.method === 'signMessage') texts.push(request.params.text)
          return true
        },
      },
    })
    await dapp.connect()
    await dapp.signMessage('Sign in to Test dapp')
    await dapp.signMessage(new Uint8Array([0xff, 0x00]))
    expect(texts).toEqual(['Sign in to Test dapp', undefined])
  })

  it('refuses to pair without an onRequest approval callback, before reaching the relay', async () => {
    const relay = createMemoryRelay()
    const dapp = createRelaySession({
      relayUrl: 'ws://127.0.0.1:1',
      app: { name: 'x', url: 'https://x' },
      transport: relay.transport,
    })
    cleanups.push(() => dapp.disconnect())
    let opened = 0
    const countingTransport: typeof relay.transport = (url, options) => {
      opened++
      return relay.transport(url, options)
    }
    const error = await pairWithDapp(
      // @ts-expect-error onRequest is required by the type too
      { pairingUri: dapp.pairingUri, account: nacl.sign.keyPair(), transport: countingTransport },
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WalletConfigurationError)
    expect((error as Error).message).toMatch(/onRequest/)
    expect(opened).toBe(0)
  })

  it("flags the dapp's name and URL as unverified claims", async () => {
    const { dapp, wallet } = await pair()
    expect(wallet.dapp).toMatchObject({ name: 'Test dapp', verified: false })
    await dapp.connect()
    expect(wallet.dapp).toMatchObject({ url: 'https://dapp.example', verified: false })
  })

  it('pauses after pauseAfterMs hidden, queues the dapp requests, answers them once visible', async () => {
    let executed = 0
    const timers = new FakeSessionTimers()
    const { dapp, wallet } = await pairOnFakeTime(timers, {
      dapp: { peerTimeoutMs: 100 },
      wallet: { pauseAfterMs: 50, peerTimeoutMs: 100, handlers: { request: () => ++executed } },
    })
    await dapp.connect()
    wallet.setVisibility('hidden')
    timers.advance(50)
    await until(() => wallet.getState().status === 'paused' && dapp.getState().status === 'paused')
    const queued = dapp.request('request', { method: 'count' })
    timers.advance(250) // beyond the peer timeout: a paused wallet is not gone
    await settleIo()
    expect(executed).toBe(0)
    wallet.setVisibility('visible')
    expect(await queued).toBe(1)
    await until(() => dapp.getState().status === 'connected' && wallet.getState().status === 'connected')
  })

  it('does not pause when the app comes back before pauseAfterMs', async () => {
    const timers = new FakeSessionTimers()
    const { dapp, wallet } = await pairOnFakeTime(timers, { wallet: { pauseAfterMs: 100 } })
    await dapp.connect()
    wallet.setVisibility('hidden')
    timers.advance(30)
    wallet.setVisibility('visible')
    timers.advance(150)
    await settleIo()
    expect(wallet.getState().status).toBe('connected')
    expect(dapp.getState().status).toBe('connected')
  })

  it('pauses 20 s after the app went to the background by default, not a moment before', async () => {
    const timers = new FakeSessionTimers()
    const { dapp, wallet } = await pairOnFakeTime(timers)
    await dapp.connect()
    wallet.setVisibility('hidden')
    timers.advance(19_999)
    await settleIo()
    expect(wallet.getState().status).toBe('connected')
    timers.advance(1)
    await until(() => wallet.getState().status === 'paused' && dapp.getState().status === 'paused')
  })

  it('ends both sides when the wallet closes', async () => {
    const { dapp, wallet } = await pair()
    await dapp.connect()
    await wallet.close()
    expect(wallet.getState()).toMatchObject({ status: 'cleared', reason: 'disconnected' })
    await until(() => dapp.getState().status === 'cleared')
    expect(dapp.getState().reason).toBe('terminated')
  })

  it('rejects a malformed pairing URI and times out without a dapp', async () => {
    const account = nacl.sign.keyPair()
    await expect(
      pairWithDapp({ pairingUri: 'dapplink:pair?v=2', account, onRequest: () => true }),
    ).rejects.toBeInstanceOf(InvalidPairingUriError)
    const relay = createMemoryRelay()
    const dapp = createRelaySession({
      relayUrl: 'ws://127.0.0.1:1',
      app: { name: 'x', url: 'https://x' },
      transport: createMemoryRelay().transport,
    })
    cleanups.push(() => dapp.disconnect())
    // The wallet reaches another relay than the dapp: the channel never exists there.
    const started = Date.now()
    await expect(
      pairWithDapp({
        pairingUri: dapp.pairingUri,
        account,
        onRequest: () => true,
        transport: relay.transport,
        handshakeTimeoutMs: 200,
        retryIntervalMs: 40,
      }),
    ).rejects.toBeInstanceOf(HandshakeTimeoutError)
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})

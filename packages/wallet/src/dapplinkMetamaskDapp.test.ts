import { createWalletClient, RequestTimeoutError, type WalletClient } from '@dapplink/core'
import {
  createMetamaskSession,
  type MetamaskSessionClosedError,
  pickSolanaAccount,
  signInWithSolana,
} from '@dapplink/core/metamask'
import { type SpawnedMwpRelay, spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import { Keypair, MessageV0, SystemProgram, VersionedTransaction } from '@solana/web3.js'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { createMwpWallet, type MwpWalletRequest, type MwpWalletSession } from './metamask/index.js'

// dapplink's dapp side (`connect({ transport: 'metamask' })` in @dapplink/core) against dapplink's MWP wallet
// side, through the real relay process: the two halves of issue 15 together.

let relay: SpawnedMwpRelay
const cleanups: (() => Promise<unknown>)[] = []
beforeAll(async () => {
  relay = await spawnMwpRelay()
})
afterAll(() => relay.stop())
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {})
})

async function connectedPair(
  options: { quietAfterMs?: number; requestTimeoutMs?: number; probeTimeoutMs?: number } = {},
) {
  const account = Keypair.generate()
  const asked: MwpWalletRequest[] = []
  const sent: Uint8Array[] = []
  const wallet = createMwpWallet({
    relayUrl: relay.url,
    solanaSecretKeys: [account.secretKey],
    websocket: WebSocket,
    onRequest: (request) => {
      asked.push(request)
      return true
    },
    sendTransaction: async (signed) => {
      sent.push(signed)
      return bs58.encode(VersionedTransaction.deserialize(signed).signatures[0]!)
    },
  })
  const client: WalletClient = createWalletClient({
    appUrl: 'https://dapp.example',
    wallets: [],
    metamask: { relayUrl: relay.url, WebSocket: WebSocket as never, ...options },
  })
  cleanups.push(() => client.disconnect())
  const connecting = client.connect({ transport: 'metamask' })
  await vi.waitFor(() => expect(client.getState().pairingUri).toBeTruthy(), { timeout: 5_000 })
  const session: MwpWalletSession = await wallet.pair(client.getState().pairingUri!)
  cleanups.push(() => session.end())
  expect(await connecting).toEqual({ publicKey: account.publicKey.toBase58() })
  return { account, asked, sent, client, session }
}

const transfer = (account: Keypair) =>
  new VersionedTransaction(
    MessageV0.compile({
      payerKey: account.publicKey,
      recentBlockhash: '11111111111111111111111111111111',
      instructions: [
        SystemProgram.transfer({
          fromPubkey: account.publicKey,
          toPubkey: Keypair.generate().publicKey,
          lamports: 1,
        }),
      ],
    }),
  )

describe('dapplink dapp ⇄ dapplink MWP wallet', () => {
  it('pairs, and signs a message the account key verifies', async () => {
    const { account, asked, client } = await connectedPair()
    expect(asked[0]?.kind).toBe('createSession')
    const { signature } = await client.signMessage('hello through MWP')
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode('hello through MWP'),
        signature,
        account.publicKey.toBytes(),
      ),
    ).toBe(true)
  })

  it('signs in with Solana (signIn through wallet_invokeMethod) with the session parts of @dapplink/core/metamask', async () => {
    const account = Keypair.generate()
    const wallet = createMwpWallet({
      relayUrl: relay.url,
      solanaSecretKeys: [account.secretKey],
      websocket: WebSocket,
      onRequest: () => true,
    })
    const session = createMetamaskSession({
      dapp: { name: 'Dapp', url: 'https://dapp.example' },
      relayUrl: relay.url,
      WebSocket: WebSocket as never,
    })
    cleanups.push(() => session.disconnect())
    const uri = new Promise<string>((resolve) =>
      session.watchState((state) => state.pairingUri && resolve(state.pairingUri)),
    )
    const connecting = session.connect()
    const walletSession = await wallet.pair(await uri)
    cleanups.push(() => walletSession.end())
    await connecting
    const solana = pickSolanaAccount(session)!
    const result = await signInWithSolana(session, solana, {
      domain: 'dapp.example',
      statement: 'Sign in to Dapp',
      nonce: 'abc12345',
    })
    expect(result.address).toBe(account.publicKey.toBase58())
    expect(new TextDecoder().decode(result.signedMessage)).toContain(
      'dapp.example wants you to sign in with your Solana account',
    )
    expect(
      nacl.sign.detached.verify(result.signedMessage, result.signature, account.publicKey.toBytes()),
    ).toBe(true)
  })

  it('signs a transaction and signs and sends one', async () => {
    const { account, client, sent } = await connectedPair()
    const { transaction: signed } = await client.signTransaction(transfer(account))
    expect(
      nacl.sign.detached.verify(
        signed.message.serialize(),
        signed.signatures[0]!,
        account.publicKey.toBytes(),
      ),
    ).toBe(true)
    const { transactionSignature } = await client.signAndSendTransaction(transfer(account))
    expect(sent).toHaveLength(1)
    expect(transactionSignature).toBe(bs58.encode(VersionedTransaction.deserialize(sent[0]!).signatures[0]!))
  })

  it('follows an account change', async () => {
    const { client, session } = await connectedPair()
    const other = Keypair.generate().publicKey.toBase58()
    await session.notifyAccountsChanged(other)
    await vi.waitFor(() => expect(client.getState().publicKey).toBe(other), { timeout: 5_000 })
  })

  it('shows paused while the wallet is in the background, and answers when it returns', async () => {
    const { account, client, session } = await connectedPair({ quietAfterMs: 200 })
    await session.goToBackground()
    const signing = client.signMessage('while away')
    await vi.waitFor(() => expect(client.getState().status).toBe('paused'), { timeout: 5_000 })
    await session.returnToForeground()
    const { signature } = await signing
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode('while away'),
        signature,
        account.publicKey.toBytes(),
      ),
    ).toBe(true)
    await vi.waitFor(() => expect(client.getState().status).toBe('connected'), { timeout: 5_000 })
  })

  it('reports a session the wallet ended with a word as revoked', async () => {
    const { client, session } = await connectedPair()
    await session.end({ notifyDapp: true })
    await vi.waitFor(() => expect(client.getState().status).toBe('disconnected'), { timeout: 5_000 })
    expect((client.getState().error as MetamaskSessionClosedError).reason).toBe('session-revoked')
  })

  it('reports a wallet that ended the session silently (as MetaMask Mobile does) as wallet-silent', async () => {
    const { client, session } = await connectedPair({ requestTimeoutMs: 300, probeTimeoutMs: 300 })
    await session.end()
    await expect(client.signMessage('anyone there?')).rejects.toBeInstanceOf(RequestTimeoutError)
    await vi.waitFor(() => expect(client.getState().status).toBe('disconnected'), { timeout: 5_000 })
    expect((client.getState().error as MetamaskSessionClosedError).reason).toBe('wallet-silent')
  })
})

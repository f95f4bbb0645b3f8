import { DapplinkError, UserRejectedRequestError } from '@dapplink/core'
import { createMwpWallet, type MwpWalletRequest, type MwpWalletSession } from '@dapplink/wallet/metamask'
import {
  SolanaSignAndSendTransaction,
  type SolanaSignAndSendTransactionFeature,
  SolanaSignIn,
  type SolanaSignInFeature,
  SolanaSignMessage,
  type SolanaSignMessageFeature,
  SolanaSignTransaction,
  type SolanaSignTransactionFeature,
} from '@solana/wallet-standard-features'
import {
  Keypair,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js'
import { getWallets } from '@wallet-standard/app'
import type { Wallet } from '@wallet-standard/base'
import {
  StandardConnect,
  type StandardConnectFeature,
  StandardDisconnect,
  type StandardDisconnectFeature,
  StandardEvents,
  type StandardEventsChangeProperties,
  type StandardEventsFeature,
} from '@wallet-standard/features'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import WebSocket from 'ws'
import { registerDapplinkWallets } from './registerDapplinkWallets.js'
import { pairingModalPage } from './test/pairingModalPage.js'

// The MetaMask Mobile (QR) wallet against the real MWP relay process (apps/mwp-relay, ./test/mwpRelayGlobalSetup.ts), answered by
// dapplink's MWP wallet (@dapplink/wallet/metamask), paired by decoding the modal's QR code from its pixels.

const relay = { url: inject('mwpRelayUrl') }
const cleanups: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => {})
})

type MetamaskFeatures = StandardConnectFeature &
  StandardDisconnectFeature &
  StandardEventsFeature &
  SolanaSignMessageFeature &
  SolanaSignTransactionFeature &
  SolanaSignAndSendTransactionFeature &
  SolanaSignInFeature

/** The wallet's features, typed by the Wallet Standard's own feature types. */
const featuresOf = (wallet: Wallet) => wallet.features as MetamaskFeatures

/** Registers the wallets with a MetaMask Mobile wallet on the local relay, and a test MWP wallet to answer. */
function setup(
  options: {
    walletName?: string
    approve?: (request: MwpWalletRequest) => boolean
    metamask?: { quietAfterMs?: number; renewBeforeMs?: number }
    solanaScopes?: readonly string[]
  } = {},
) {
  const account = Keypair.generate()
  const asked: MwpWalletRequest[] = []
  const sent: Uint8Array[] = []
  const mwpWallet = createMwpWallet({
    relayUrl: relay.url,
    solanaSecretKeys: [account.secretKey],
    ...(options.solanaScopes ? { solanaScopes: options.solanaScopes } : {}),
    websocket: WebSocket,
    onRequest: (request) => {
      asked.push(request)
      return options.approve?.(request) ?? true
    },
    sendTransaction: async (signed) => {
      sent.push(signed)
      return bs58.encode(VersionedTransaction.deserialize(signed).signatures[0]!)
    },
  })
  const { wallets } = registerDapplinkWallets({
    appUrl: 'https://dapp.test',
    deeplink: false,
    metamask: {
      relayUrl: relay.url,
      WebSocket: WebSocket as never,
      ...(options.walletName ? { walletName: options.walletName } : {}),
      ...options.metamask,
    },
  })
  const wallet = wallets[0]!
  const features = featuresOf(wallet)
  cleanups.push(() => features[StandardDisconnect].disconnect())
  const changes: StandardEventsChangeProperties[] = []
  cleanups.push(features[StandardEvents].on('change', (properties) => changes.push(properties)))

  /** Waits for the modal, decodes its QR code and pairs the MWP wallet with what it read. */
  async function scanModal(): Promise<MwpWalletSession> {
    await vi.waitFor(() => expect(pairingModalPage().decodeQr()).not.toBeNull(), { timeout: 5_000 })
    const pairingUri = pairingModalPage().decodeQr()!
    expect(pairingUri).toMatch(/^metamask:\/\/connect\/mwp\?p=/)
    const session = await mwpWallet.pair(pairingUri)
    cleanups.push(() => session.end())
    return session
  }

  async function connect() {
    const connecting = features[StandardConnect].connect()
    const session = await scanModal()
    const { accounts } = await connecting
    return { session, accounts }
  }
  return { account, asked, sent, wallet, features, changes, scanModal, connect }
}

function transfer(account: Keypair) {
  const instruction = SystemProgram.transfer({
    fromPubkey: account.publicKey,
    toPubkey: Keypair.generate().publicKey,
    lamports: 1,
  })
  const recentBlockhash = bs58.encode(nacl.randomBytes(32))
  const legacy = new Transaction({ feePayer: account.publicKey, recentBlockhash }).add(instruction)
  const v0 = new VersionedTransaction(
    new TransactionMessage({
      payerKey: account.publicKey,
      recentBlockhash,
      instructions: [instruction],
    }).compileToV0Message(),
  )
  return {
    legacy: legacy.serialize({ requireAllSignatures: false, verifySignatures: false }),
    v0: v0.serialize(),
  }
}

describe('the MetaMask Mobile (QR) wallet over the real MWP relay, answered by @dapplink/wallet/metamask', () => {
  it('registers under its own name with solana:signIn; autoConnect restores nothing and opens nothing', async () => {
    const { wallet, features } = setup()
    expect(wallet.name).toBe('MetaMask Mobile (QR)')
    expect(getWallets().get()).toContain(wallet)
    expect(wallet.icon).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Object.keys(wallet.features).sort()).toEqual(
      [
        StandardConnect,
        StandardDisconnect,
        StandardEvents,
        SolanaSignMessage,
        SolanaSignTransaction,
        SolanaSignAndSendTransaction,
        SolanaSignIn,
      ].sort(),
    )
    expect(features[SolanaSignIn].version).toBe('1.0.0')
    expect(await features[StandardConnect].connect({ silent: true })).toEqual({ accounts: [] })
    expect(pairingModalPage().open).toBe(false)
  })

  it('connects through the modal QR code; signs a message, transactions (legacy, v0) and sends one', async () => {
    const { account, asked, sent, wallet, features, changes, connect } = setup()
    const { accounts } = await connect()
    expect(pairingModalPage().open).toBe(false)
    expect(asked[0]?.kind).toBe('createSession')
    const walletAccount = accounts[0]!
    expect(accounts).toHaveLength(1)
    expect(walletAccount.address).toBe(account.publicKey.toBase58())
    expect([...walletAccount.publicKey]).toEqual([...account.publicKey.toBytes()])
    expect(walletAccount.features).toContain(SolanaSignIn)
    expect(wallet.accounts).toEqual(accounts)
    expect(changes).toEqual([{ accounts }])

    const message = new TextEncoder().encode('hello from wallet-adapter through MetaMask Mobile')
    const [signedMessage] = await features[SolanaSignMessage].signMessage({ account: walletAccount, message })
    expect(nacl.sign.detached.verify(message, signedMessage!.signature, account.publicKey.toBytes())).toBe(
      true,
    )

    const { legacy, v0 } = transfer(account)
    const [signedV0] = await features[SolanaSignTransaction].signTransaction({
      account: walletAccount,
      transaction: v0,
    })
    const v0Signed = VersionedTransaction.deserialize(signedV0!.signedTransaction)
    expect(
      nacl.sign.detached.verify(
        v0Signed.message.serialize(),
        v0Signed.signatures[0]!,
        account.publicKey.toBytes(),
      ),
    ).toBe(true)
    const [signedLegacy] = await features[SolanaSignTransaction].signTransaction({
      account: walletAccount,
      transaction: legacy,
    })
    const legacySigned = Transaction.from(signedLegacy!.signedTransaction)
    expect(legacySigned.verifySignatures()).toBe(true)

    const [sentOutput] = await features[SolanaSignAndSendTransaction].signAndSendTransaction({
      account: walletAccount,
      transaction: v0,
      chain: 'solana:mainnet',
    })
    expect(sent).toHaveLength(1)
    expect(sentOutput!.signature).toEqual(VersionedTransaction.deserialize(sent[0]!).signatures[0])
    expect(asked.map((request) => request.kind)).toEqual([
      'createSession',
      'signMessage',
      'signTransaction',
      'signTransaction',
      'signAndSendTransaction',
    ])

    await features[StandardDisconnect].disconnect()
    expect(wallet.accounts).toEqual([])
    expect(changes.at(-1)).toEqual({ accounts: [] })
  })

  it('signs in with Solana (connecting first when needed); the signature verifies over the SIWS message', async () => {
    const { account, asked, features, wallet, scanModal } = setup()
    const signingIn = features[SolanaSignIn].signIn({
      statement: 'Sign in to the test dapp',
      nonce: 'n0nce123',
    })
    await scanModal()
    const [output] = await signingIn
    expect(output!.account.address).toBe(account.publicKey.toBase58())
    expect(output!.account).toEqual(wallet.accounts[0])
    const text = new TextDecoder().decode(output!.signedMessage)
    expect(text).toContain('dapp.test wants you to sign in with your Solana account')
    expect(text).toContain(account.publicKey.toBase58())
    expect(text).toContain('Sign in to the test dapp')
    expect(text).toContain('n0nce123')
    expect(output!.signatureType).toBe('ed25519')
    expect(
      nacl.sign.detached.verify(output!.signedMessage, output!.signature, account.publicKey.toBytes()),
    ).toBe(true)
    expect(asked.map((request) => request.kind)).toEqual(['createSession', 'signIn'])
  })

  it('a rejection in the wallet is a UserRejectedRequestError with code 4001', async () => {
    const { account, features, wallet, connect } = setup({
      approve: (request) => request.kind === 'createSession',
    })
    const { accounts } = await connect()
    const rejected = features[SolanaSignMessage]
      .signMessage({ account: accounts[0]!, message: new TextEncoder().encode('no thanks') })
      .catch((error: unknown) => error)
    const error = (await rejected) as UserRejectedRequestError
    expect(error).toBeInstanceOf(UserRejectedRequestError)
    expect(error.code).toBe(4001)
    const signIn = await features[SolanaSignIn].signIn({}).catch((caught: unknown) => caught)
    expect(signIn).toBeInstanceOf(UserRejectedRequestError)
    // A rejected request leaves the session connected.
    expect(wallet.accounts.map((walletAccount) => walletAccount.address)).toEqual([
      account.publicKey.toBase58(),
    ])
  })

  it('closing the modal cancels the pairing with a user rejection', async () => {
    const { features, wallet } = setup()
    const connecting = features[StandardConnect].connect().catch((error: unknown) => error)
    await vi.waitFor(() => expect(pairingModalPage().decodeQr()).not.toBeNull(), { timeout: 5_000 })
    pairingModalPage().cancel!.click()
    const error = (await connecting) as UserRejectedRequestError
    expect(error).toBeInstanceOf(UserRejectedRequestError)
    expect(error.code).toBe(4001)
    expect(wallet.accounts).toEqual([])
  })

  it('a wallet that cannot grant a Solana session fails connect with a typed error; nothing stays open', async () => {
    const { features, wallet, changes, scanModal } = setup({ solanaScopes: [] })
    const connecting = features[StandardConnect].connect().catch((error: unknown) => error)
    await scanModal()
    // The test wallet, with no Solana scope to offer, answers wallet_createSession with a JSON-RPC error.
    const error = await connecting
    expect(error).toBeInstanceOf(DapplinkError)
    expect((error as DapplinkError).name).toBe('WalletRpcError')
    expect(wallet.accounts).toEqual([])
    expect(changes).toEqual([])
    expect(pairingModalPage().open).toBe(false)
  })

  it('a paused session keeps its account; the answer arrives when the wallet returns', async () => {
    const { account, features, wallet, changes, connect } = setup({ metamask: { quietAfterMs: 200 } })
    const { accounts, session } = await connect()
    await session.goToBackground()
    const message = new TextEncoder().encode('while away')
    const signing = features[SolanaSignMessage].signMessage({ account: accounts[0]!, message })
    await vi.waitFor(
      () => expect((wallet as unknown as { state: { session?: string } }).state.session).toBe('paused'),
      { timeout: 5_000 },
    )
    expect(wallet.accounts).toEqual(accounts)
    expect(changes).toEqual([{ accounts }])
    await session.returnToForeground()
    const [signed] = await signing
    expect(nacl.sign.detached.verify(message, signed!.signature, account.publicKey.toBytes())).toBe(true)
  })

  it('a session the wallet ends emits change with no accounts', async () => {
    const { wallet, changes, connect } = setup()
    const { accounts, session } = await connect()
    await session.end({ notifyDapp: true })
    await vi.waitFor(() => expect(wallet.accounts).toEqual([]), { timeout: 5_000 })
    expect(changes).toEqual([{ accounts }, { accounts: [] }])
  })

  it("follows MetaMask's Solana account switch with a change event", async () => {
    const { wallet, changes, connect } = setup()
    const { accounts, session } = await connect()
    const other = Keypair.generate().publicKey
    await session.notifyAccountsChanged(other.toBase58())
    await vi.waitFor(() => expect(wallet.accounts[0]?.address).toBe(other.toBase58()), { timeout: 5_000 })
    expect([...wallet.accounts[0]!.publicKey]).toEqual([...other.toBytes()])
    expect(changes).toEqual([{ accounts }, { accounts: wallet.accounts }])
  })

  it('follows the pairing URI in the modal as the QR code is renewed', async () => {
    // The connection request lives 60 s; renewing 59.5 s before expiry gives a new one every 0.5 s.
    const { features } = setup({ metamask: { renewBeforeMs: 59_500 } })
    const connecting = features[StandardConnect].connect().catch((error: unknown) => error)
    await vi.waitFor(() => expect(pairingModalPage().decodeQr()).not.toBeNull(), { timeout: 5_000 })
    const first = pairingModalPage().decodeQr()
    expect(pairingModalPage().title).toBe('Connect with MetaMask Mobile (QR)')
    expect(pairingModalPage().openInWallet!.getAttribute('href')).toMatch(
      /^https:\/\/metamask\.app\.link\/connect\/mwp\?p=/,
    )
    await vi.waitFor(
      () => {
        const current = pairingModalPage().decodeQr()
        expect(current).toMatch(/^metamask:\/\/connect\/mwp\?p=/)
        expect(current).not.toBe(first)
      },
      { timeout: 5_000 },
    )
    pairingModalPage().cancel!.click()
    expect(await connecting).toBeInstanceOf(UserRejectedRequestError)
  })
})

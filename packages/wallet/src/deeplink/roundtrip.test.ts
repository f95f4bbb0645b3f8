import {
  type CreateDeeplinkClientParameters,
  createDeeplinkClient,
  createMemoryStorage,
  backpack as dappBackpack,
  phantom as dappPhantom,
  solflare as dappSolflare,
  UserRejectedRequestError,
  type WalletProfile,
} from '@dapplink/core'
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
import { describe, expect, it } from 'vitest'
import { createDeeplinkWallet } from '../index.js'
import { firstSignatureSender } from '../testing/firstSignatureSender.js'

// Round trips between the dapp SDK (@dapplink/core, built dist) and this wallet kit, with real ed25519 keys
// and real web3.js v1 transactions. Nothing is mocked: URLs go from one side to the other as strings.

const recentBlockhash = new PublicKey(nacl.randomBytes(32)).toBase58()

function legacyTransaction(payer: PublicKey): Transaction {
  return new Transaction({ feePayer: payer, recentBlockhash }).add(
    SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 1_000 }),
    SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 2_000 }),
  )
}

function v0Transaction(payer: PublicKey): VersionedTransaction {
  const message = new TransactionMessage({
    payerKey: payer,
    recentBlockhash,
    instructions: [
      SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 5 }),
    ],
  }).compileToV0Message()
  return new VersionedTransaction(message)
}

// The signed transaction must equal the sent one except for the account's signature, which must verify.
function expectSignedByAccount(sent: Uint8Array, signed: Uint8Array, account: Keypair) {
  expect(signed.length).toBe(sent.length)
  const signatureCount = sent[0]! // < 128 signers here, so the compact-u16 count is one byte
  const messageOffset = 1 + 64 * signatureCount
  expect(Buffer.from(signed.subarray(messageOffset))).toEqual(Buffer.from(sent.subarray(messageOffset)))
  const signature = signed.subarray(1, 65)
  expect(
    nacl.sign.detached.verify(signed.subarray(messageOffset), signature, account.publicKey.toBytes()),
  ).toBe(true)
  return bs58.encode(signature)
}

function setup(profile: WalletProfile) {
  const account = Keypair.generate()
  const wallet = createDeeplinkWallet({
    account: { publicKey: account.publicKey.toBytes(), secretKey: account.secretKey },
    baseUrl: profile.baseUrl,
    encryptionParam: profile.encryptionPublicKeyParam,
    sendTransaction: firstSignatureSender,
  })
  const links: string[] = []
  const storage = createMemoryStorage()
  const makeClient = (overrides: Partial<CreateDeeplinkClientParameters> = {}) =>
    createDeeplinkClient({
      profile,
      appUrl: 'https://dapp.example',
      redirectLink: 'https://dapp.example/wallet-return?from=deeplink',
      // Backpack accepts no devnet (profile.clusters); the others get devnet.
      cluster: profile.clusters && !profile.clusters.includes('devnet') ? 'mainnet-beta' : 'devnet',
      storage,
      navigate: (url) => {
        links.push(url)
      },
      ...overrides,
    })
  /** The wallet opens the last deeplink and approves it; returns the redirect URL back to the dapp. */
  const approveLast = async () => wallet.approve(await wallet.parse(links[links.length - 1]!))
  return { account, wallet, links, makeClient, approveLast }
}

describe.each([dappPhantom, dappSolflare, dappBackpack])('dapp <-> wallet round trip: $name', (profile) => {
  it('runs all six methods and the results verify', async () => {
    const { account, makeClient, approveLast, links, wallet } = setup(profile)
    const client = makeClient()

    const connecting = client.connect()
    expect(links[0]!.startsWith(`${profile.baseUrl}connect?`)).toBe(true)
    const connectAnswer = await approveLast()
    expect(new URL(connectAnswer).searchParams.has(profile.encryptionPublicKeyParam)).toBe(true)
    client.handleRedirect(connectAnswer)
    const connected = await connecting
    expect(connected.publicKey).toBe(account.publicKey.toBase58())
    expect(connected.sessionVerified).toBe(true)
    expect(client.getState()).toMatchObject({
      status: 'connected',
      publicKey: wallet.publicKey,
      wallet: profile.id,
    })

    // signMessage: utf8 text and raw bytes shown as hex
    for (const [message, display] of [
      ['Sign in to dapp.example ✓', 'utf8'],
      [nacl.randomBytes(48), 'hex'],
    ] as const) {
      const signing = client.signMessage(message, { display })
      client.handleRedirect(await approveLast())
      const { signature } = await signing
      const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message
      expect(nacl.sign.detached.verify(bytes, signature, account.publicKey.toBytes())).toBe(true)
    }

    // signTransaction: a legacy and a v0 transaction, passed as objects and as bytes
    const legacy = legacyTransaction(account.publicKey)
    const legacyBytes = Uint8Array.from(
      legacy.serialize({ requireAllSignatures: false, verifySignatures: false }),
    )
    const v0 = v0Transaction(account.publicKey)
    const v0Bytes = v0.serialize()
    for (const [input, sent] of [
      [legacy, legacyBytes],
      [v0, v0Bytes],
      [v0Bytes, v0Bytes],
    ] as const) {
      const signing = client.signTransaction(input)
      client.handleRedirect(await approveLast())
      const { transaction } = await signing
      expectSignedByAccount(sent, transaction, account)
    }
    // web3.js itself accepts the signed results
    const signingLegacy = client.signTransaction(legacy)
    client.handleRedirect(await approveLast())
    expect(Transaction.from((await signingLegacy).transaction).verifySignatures()).toBe(true)

    // signAllTransactions: both versions in one request, order kept
    const signingAll = client.signAllTransactions([legacy, v0])
    client.handleRedirect(await approveLast())
    const { transactions } = await signingAll
    expect(transactions).toHaveLength(2)
    expectSignedByAccount(legacyBytes, transactions[0]!, account)
    expectSignedByAccount(v0Bytes, transactions[1]!, account)
    expect(VersionedTransaction.deserialize(transactions[1]!).version).toBe(0)

    // signAndSendTransaction: the wallet's offline sender answers with the transaction's signature
    const sending = client.signAndSendTransaction(v0, { sendOptions: { skipPreflight: true, maxRetries: 1 } })
    const request = await wallet.parse(links[links.length - 1]!)
    expect(request).toMatchObject({
      method: 'signAndSendTransaction',
      sendOptions: { skipPreflight: true, maxRetries: 1 },
    })
    client.handleRedirect(await wallet.approve(request))
    const { transactionSignature: signature } = await sending
    expect(
      nacl.sign.detached.verify(v0.message.serialize(), bs58.decode(signature), account.publicKey.toBytes()),
    ).toBe(true)

    // disconnect: the wallet forgets the session, the dapp's promise resolves on the empty answer
    const disconnecting = client.disconnect()
    const disconnectLink = links[links.length - 1]!
    client.handleRedirect(await approveLast())
    await expect(disconnecting).resolves.toBeNull()
    expect(client.getState()).toMatchObject({ status: 'disconnected', publicKey: null, pendingRequest: null })
    // Reopening the answered disconnect link is refused by the wallet (replay, or session already gone).
    await expect(wallet.parse(disconnectLink)).rejects.toMatchObject({
      name: expect.stringMatching(/ReplayError|UnauthorizedError/),
    })
  })

  it('a wallet Reject arrives as UserRejectedRequestError, in the promise and from handleRedirect', async () => {
    const { makeClient, links, wallet, approveLast } = setup(profile)
    const client = makeClient()
    const connecting = client.connect()
    client.handleRedirect(await approveLast())
    await connecting

    const signing = client.signMessage('please reject me')
    const rejection = wallet.reject(await wallet.parse(links[links.length - 1]!))
    expect(() => client.handleRedirect(rejection)).toThrow(UserRejectedRequestError)
    await expect(signing).rejects.toMatchObject({ name: 'UserRejectedRequestError', code: 4001 })
    expect(client.getState()).toMatchObject({
      status: 'connected',
      lastError: expect.any(UserRejectedRequestError),
    })

    const connectingAgain = client.connect()
    const connectRejection = wallet.reject(await wallet.parse(links[links.length - 1]!))
    expect(() => client.handleRedirect(connectRejection)).toThrow(UserRejectedRequestError)
    await expect(connectingAgain).rejects.toBeInstanceOf(UserRejectedRequestError)
  })

  it('answers delivered to a reloaded dapp page (a new client on the same storage)', async () => {
    const { account, makeClient, approveLast } = setup(profile)
    void makeClient().connect() // this page navigates away to the wallet
    const reloaded = makeClient()
    expect(reloaded.handleRedirect(await approveLast())).toMatchObject({
      method: 'connect',
      result: { publicKey: account.publicKey.toBase58(), sessionVerified: true },
    })

    const transaction = legacyTransaction(account.publicKey)
    void reloaded.signTransaction(transaction)
    const again = makeClient()
    const delivered = again.handleRedirect(await approveLast())
    if (delivered?.method !== 'signTransaction')
      throw new Error(`expected signTransaction, got ${delivered?.method}`)
    expect(again.getState().lastResponse).toBe(delivered)
    expectSignedByAccount(
      Uint8Array.from(transaction.serialize({ requireAllSignatures: false, verifySignatures: false })),
      delivered.result.transaction,
      account,
    )
  })
})

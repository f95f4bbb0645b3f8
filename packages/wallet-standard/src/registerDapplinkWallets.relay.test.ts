import { UserRejectedRequestError } from '@dapplink/core'
import {
  SolanaSignAndSendTransaction,
  type SolanaSignAndSendTransactionFeature,
  SolanaSignMessage,
  type SolanaSignMessageFeature,
  SolanaSignTransaction,
  type SolanaSignTransactionFeature,
} from '@solana/wallet-standard-features'
import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js'
import { getWallets } from '@wallet-standard/app'
import type { Wallet, WalletAccount } from '@wallet-standard/base'
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelayHarness, until } from '../../wallet/src/testing/relayHarness.js'
import { registerDapplinkWallets } from './registerDapplinkWallets.js'
import { pairingModalPage } from './test/pairingModalPage.js'

let harness: ReturnType<typeof createRelayHarness>
beforeAll(() => {
  harness = createRelayHarness()
})
afterAll(async () => {
  await harness?.stop()
})

/** The wallet's features, typed by the Wallet Standard's own feature types. */
function featuresOf(wallet: Wallet) {
  return wallet.features as StandardConnectFeature &
    StandardDisconnectFeature &
    StandardEventsFeature &
    SolanaSignMessageFeature &
    SolanaSignTransactionFeature &
    SolanaSignAndSendTransactionFeature
}

function transfer(from: PublicKey) {
  const instruction = SystemProgram.transfer({
    fromPubkey: from,
    toPubkey: Keypair.generate().publicKey,
    lamports: 5,
  })
  const recentBlockhash = bs58.encode(nacl.randomBytes(32))
  const legacy = new Transaction({ feePayer: from, recentBlockhash }).add(instruction)
  const v0 = new VersionedTransaction(
    new TransactionMessage({
      payerKey: from,
      recentBlockhash,
      instructions: [instruction],
    }).compileToV0Message(),
  )
  return {
    legacy: legacy.serialize({ requireAllSignatures: false, verifySignatures: false }),
    v0: v0.serialize(),
  }
}

/** Waits for the modal, decodes its QR code and pairs the test wallet with what it read. */
async function scanModal(options: Parameters<typeof harness.pair>[1] = {}) {
  await until(() => pairingModalPage().decodeQr() !== null)
  const pairingUri = pairingModalPage().decodeQr()!
  expect(pairingUri).toMatch(/^dapplink:pair\?v=2&/)
  return harness.pair(pairingUri, options)
}

describe('the QR code wallet over a real relay, answered by @dapplink/wallet/relay', () => {
  it('registers with the Wallet Standard; connects through the modal; signs; pauses; ends', async () => {
    const { wallets } = registerDapplinkWallets({
      appUrl: 'https://dapp.test',
      relay: { ...harness.relayOptions, walletLinkBaseUrl: 'https://wallet.test/ul/v1/' },
      chains: ['solana:devnet', 'solana:localnet'],
    })
    expect(wallets.map((wallet) => wallet.name)).toEqual(['QR code'])
    const registered = getWallets().get()
    const wallet = registered.find((candidate) => candidate.name === 'QR code')!
    expect(wallet).toBe(wallets[0])
    expect(wallet.version).toBe('1.0.0')
    expect(wallet.icon).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(wallet.chains).toEqual(['solana:devnet', 'solana:localnet'])
    expect(wallet.accounts).toEqual([])
    const features = featuresOf(wallet)
    expect(features[SolanaSignTransaction].supportedTransactionVersions).toEqual(['legacy', 0])
    expect('solana:signIn' in wallet.features).toBe(false)

    const changes: StandardEventsChangeProperties[] = []
    const off = features[StandardEvents].on('change', (properties) => changes.push(properties))

    // autoConnect on a fresh page: a relay session never survives a page load; nothing opens.
    expect(await features[StandardConnect].connect({ silent: true })).toEqual({ accounts: [] })
    expect(pairingModalPage().open).toBe(false)

    const connecting = features[StandardConnect].connect()
    const walletSession = await scanModal({ pauseAfterMs: 50 })
    const { accounts } = await connecting
    const publicKey = harness.account.publicKey
    const account: WalletAccount = accounts[0]!
    expect(accounts).toHaveLength(1)
    expect(account.address).toBe(bs58.encode(publicKey))
    expect([...account.publicKey]).toEqual([...publicKey])
    expect(account.chains).toEqual(['solana:devnet', 'solana:localnet'])
    expect(account.features).toEqual([SolanaSignMessage, SolanaSignTransaction, SolanaSignAndSendTransaction])
    expect(wallet.accounts).toEqual(accounts)
    expect(changes).toEqual([{ accounts }])
    // Connected: the modal is gone.
    expect(pairingModalPage().open).toBe(false)
    // A second connect answers with the same account at once.
    expect((await features[StandardConnect].connect()).accounts).toBe(accounts)

    const message = new TextEncoder().encode('hello wallet standard')
    const [signed] = await features[SolanaSignMessage].signMessage({ account, message })
    expect(signed!.signedMessage).toEqual(message)
    expect(signed!.signatureType).toBe('ed25519')
    expect(nacl.sign.detached.verify(message, signed!.signature, publicKey)).toBe(true)

    const { legacy, v0 } = transfer(new PublicKey(publicKey))
    const signedTransactions = await features[SolanaSignTransaction].signTransaction(
      { account, transaction: legacy, chain: 'solana:devnet' },
      { account, transaction: v0 },
    )
    const signedLegacy = Transaction.from(signedTransactions[0]!.signedTransaction)
    expect(signedLegacy.verifySignatures()).toBe(true)
    const signedV0 = VersionedTransaction.deserialize(signedTransactions[1]!.signedTransaction)
    expect(nacl.sign.detached.verify(signedV0.message.serialize(), signedV0.signatures[0]!, publicKey)).toBe(
      true,
    )

    // A chain the wallet does not list, and an account it does not hold, are refused before any request.
    await expect(
      features[SolanaSignTransaction].signTransaction({
        account,
        transaction: legacy,
        chain: 'solana:mainnet',
      }),
    ).rejects.toThrow('QR code does not support the chain "solana:mainnet".')
    const stranger = { ...account, address: bs58.encode(nacl.randomBytes(32)) }
    await expect(
      features[SolanaSignMessage].signMessage({ account: stranger, message }),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentError',
    })

    // The test wallet sends nothing (no sendTransaction handler): its typed error comes through.
    await expect(
      features[SolanaSignAndSendTransaction].signAndSendTransaction({
        account,
        transaction: v0,
        chain: 'solana:devnet',
      }),
    ).rejects.toMatchObject({ name: 'MethodNotFoundError', code: -32601 })

    // The phone locks: the session pauses and the account stays.
    const changesBeforePause = changes.length
    walletSession.setVisibility('hidden')
    await until(() => wallets[0]!.state.step === 'connected' && wallets[0]!.state.session === 'paused')
    expect(wallet.accounts).toEqual(accounts)
    walletSession.setVisibility('visible')
    await until(() => wallets[0]!.state.step === 'connected' && wallets[0]!.state.session === 'active')
    expect(changes).toHaveLength(changesBeforePause)

    // The wallet ends the session: one change with no accounts.
    await walletSession.close()
    await until(() => wallet.accounts.length === 0)
    expect(changes.at(-1)).toEqual({ accounts: [] })
    expect(wallets[0]!.state).toEqual({ step: 'disconnected' })
    await until(() => harness.openSockets() === 0)
    off()
  })

  it('signs and sends through a wallet that submits; a refusal is a 4001 UserRejectedRequestError; disconnect ends it', async () => {
    const { wallets } = registerDapplinkWallets({ appUrl: 'https://dapp.test', relay: harness.relayOptions })
    const wallet = wallets[0]!
    const features = featuresOf(wallet)
    const connecting = features[StandardConnect].connect()
    const sentSignature = nacl.randomBytes(64)
    await until(() => pairingModalPage().decodeQr() !== null)
    const { pairWithDapp } = await import('@dapplink/wallet/relay')
    // The wallet's user looks at the code before approving the connection.
    let approveConnect!: () => void
    const connectApproved = new Promise<void>((resolve) => {
      approveConnect = resolve
    })
    const walletSession = await pairWithDapp({
      pairingUri: pairingModalPage().decodeQr()!,
      account: harness.account,
      handlers: { sendTransaction: async () => bs58.encode(sentSignature) },
      onRequest: async (request) => {
        if (request.method === 'connect') await connectApproved
        return request.method !== 'signMessage'
      },
    })
    // The modal shows the code the wallet shows, before the user approves there.
    await until(() => pairingModalPage().verificationCode !== null)
    expect(pairingModalPage().verificationCode).toBe(walletSession.verificationCode)
    approveConnect()
    const [account] = (await connecting).accounts
    const { v0 } = transfer(new PublicKey(harness.account.publicKey))
    const [sent] = await features[SolanaSignAndSendTransaction].signAndSendTransaction({
      account: account!,
      transaction: v0,
      chain: 'solana:mainnet',
      options: { skipPreflight: true },
    })
    expect(sent!.signature).toEqual(sentSignature)

    // What wallet-adapter wraps (WalletSignMessageError.error) is recognisable as a user rejection.
    const rejection = await features[SolanaSignMessage]
      .signMessage({ account: account!, message: new Uint8Array([1]) })
      .catch((error: unknown) => error)
    expect(rejection).toBeInstanceOf(UserRejectedRequestError)
    expect(rejection).toMatchObject({ code: 4001, name: 'UserRejectedRequestError' })
    expect(wallet.accounts).toHaveLength(1)

    await features[StandardDisconnect].disconnect()
    expect(wallet.accounts).toEqual([])
    await until(() => walletSession.getState().status === 'cleared')
    await until(() => harness.openSockets() === 0)
  })

  it('closing the modal (Escape) rejects connect with a 4001 user rejection and closes the socket', async () => {
    const { wallets } = registerDapplinkWallets({ appUrl: 'https://dapp.test', relay: harness.relayOptions })
    const features = featuresOf(wallets[0]!)
    const button = document.body.appendChild(document.createElement('button'))
    button.focus()
    const connecting = features[StandardConnect].connect()
    await until(() => pairingModalPage().decodeQr() !== null)
    const modal = pairingModalPage()
    expect(modal.dialog?.getAttribute('role')).toBe('dialog')
    expect(modal.dialog?.getAttribute('aria-modal')).toBe('true')
    expect(modal.title).toBe('Connect with QR code')
    // No wallet link configured: no "open in wallet" link, and the focus is inside the dialog.
    expect(modal.openInWallet?.hasAttribute('hidden')).toBe(true)
    expect(modal.activeElement()).toBe(modal.cancel)
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await expect(connecting).rejects.toMatchObject({ code: 4001, name: 'UserRejectedRequestError' })
    expect(pairingModalPage().open).toBe(false)
    // The focus goes back where it was.
    expect(document.activeElement).toBe(button)
    expect(wallets[0]!.accounts).toEqual([])
    await until(() => harness.openSockets() === 0)
  })
})

import { type SpawnedMwpRelay, spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import { Keypair, MessageV0, type PublicKey, SystemProgram, VersionedTransaction } from '@solana/web3.js'
import nacl from 'tweetnacl'
import { createWalletClient as createViemWalletClient, custom, verifyMessage } from 'viem'
import { mainnet } from 'viem/chains'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { decodeBase58 } from '../crypto/base58.js'
import { EthereumProviderUnavailableError, MetamaskNotConfiguredError } from '../errors/client.js'
import { parsePairingLink } from '../metamask/pairingLink.js'
import { MwpTestWallet } from '../test/mwpTestWallet.js'
import { createWalletClient } from './createWalletClient.js'
import type { WalletClient } from './createWalletClientFromTransports.js'

// The wallet client's `metamask` transport end to end: real relay process, a wallet on MetaMask's MWP core.

let relay: SpawnedMwpRelay
const cleanups: (() => Promise<unknown>)[] = []
beforeAll(async () => {
  relay = await spawnMwpRelay()
})
afterAll(() => relay.stop())
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function connected(): Promise<{ client: WalletClient; wallet: MwpTestWallet }> {
  const wallet = await MwpTestWallet.create(relay.url)
  cleanups.push(() => wallet.disconnect().catch(() => {}))
  const client = createWalletClient({
    appUrl: 'https://dapp.example',
    wallets: [],
    metamask: { relayUrl: relay.url, WebSocket: WebSocket as never, evmChainIds: [1] },
  })
  cleanups.push(() => client.disconnect())
  const connecting = client.connect({ transport: 'metamask' })
  await vi.waitFor(() => expect(client.getState().pairingUri).toMatch(/^metamask:\/\/connect\/mwp\?p=/), {
    timeout: 5_000,
  })
  expect(client.getState()).toMatchObject({ status: 'connecting', transport: 'metamask' })
  expect(client.getState().walletLink).toMatch(/^https:\/\/metamask\.app\.link\/connect\/mwp\?p=/)
  await wallet.pair(await parsePairingLink(client.getState().pairingUri!, Date.now()))
  expect(await connecting).toEqual({ publicKey: wallet.address })
  return { client, wallet }
}

function transferTransaction(payer: PublicKey) {
  const message = MessageV0.compile({
    payerKey: payer,
    recentBlockhash: '11111111111111111111111111111111',
    instructions: [
      SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 1 }),
    ],
  })
  return new VersionedTransaction(message)
}

describe("connect({ transport: 'metamask' })", () => {
  it('connects with the Solana account and signs a message the wallet key verifies', async () => {
    const { client, wallet } = await connected()
    expect(client.getState()).toMatchObject({
      status: 'connected',
      publicKey: wallet.address,
      pairingUri: null,
    })
    const { signature } = await client.signMessage('hello from dapplink')
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode('hello from dapplink'),
        signature,
        wallet.solana.publicKey.toBytes(),
      ),
    ).toBe(true)
  })

  it('hands each answer, with its context, to watchResponse listeners as the relay does', async () => {
    const { client } = await connected()
    const responses: unknown[] = []
    const unwatch = client.watchResponse((response) => responses.push(response))
    const { signature } = await client.signMessage('with context', { context: { asked: 'demo' } })
    unwatch()
    expect(responses).toEqual([
      expect.objectContaining({ method: 'signMessage', context: { asked: 'demo' }, result: { signature } }),
    ])
  })

  it('signs transactions (one and several) and signs and sends one', async () => {
    const { client, wallet } = await connected()
    const transaction = transferTransaction(wallet.solana.publicKey)
    const { transaction: signed } = await client.signTransaction(transaction)
    expect(signed).toBeInstanceOf(VersionedTransaction)
    const [first] = signed.signatures
    expect(
      nacl.sign.detached.verify(signed.message.serialize(), first!, wallet.solana.publicKey.toBytes()),
    ).toBe(true)
    const { transactions: all } = await client.signAllTransactions([
      transferTransaction(wallet.solana.publicKey),
      transferTransaction(wallet.solana.publicKey),
    ])
    expect(all).toHaveLength(2)
    expect(wallet.received.filter(({ method }) => method === 'wallet_invokeMethod')).toHaveLength(3)
    const { transactionSignature } = await client.signAndSendTransaction(
      transferTransaction(wallet.solana.publicKey),
    )
    expect(decodeBase58(transactionSignature)).toHaveLength(64)
  })

  it('follows an account change announced with wallet_notify', async () => {
    const { client, wallet } = await connected()
    const other = Keypair.generate().publicKey.toBase58()
    await wallet.notifyAccountChanged(other)
    await vi.waitFor(() => expect(client.getState().publicKey).toBe(other), { timeout: 5_000 })
  })

  it('gives an EIP-1193 provider that viem signs personal_sign messages with', async () => {
    const { client, wallet } = await connected()
    const provider = client.getEthereumProvider()
    expect(await provider.request({ method: 'eth_chainId' })).toBe('0x1')
    const [address] = (await provider.request({ method: 'eth_requestAccounts' })) as `0x${string}`[]
    expect(address).toBe(wallet.evm.address)
    const viem = createViemWalletClient({ account: address!, chain: mainnet, transport: custom(provider) })
    const signature = await viem.signMessage({ message: 'hello EVM' })
    expect(await verifyMessage({ address: address!, message: 'hello EVM', signature })).toBe(true)
    const disconnected = new Promise((resolve) => provider.on('disconnect', resolve))
    await client.disconnect()
    expect(await disconnected).toMatchObject({ code: 4900 })
  })

  it('ends in a typed error when MetaMask is not configured, or no session gives a provider', async () => {
    const client = createWalletClient({ appUrl: 'https://dapp.example', wallets: [] })
    await expect(client.connect({ transport: 'metamask' })).rejects.toBeInstanceOf(MetamaskNotConfiguredError)
    expect(() => client.getEthereumProvider()).toThrow(EthereumProviderUnavailableError)
  })
})

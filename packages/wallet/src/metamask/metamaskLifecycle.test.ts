import { type SpawnedMwpRelay, spawnMwpRelay } from '@dapplink-app/mwp-relay/testing'
import { keccak_256 } from '@noble/hashes/sha3'
import { recoverPublicKey } from '@noble/secp256k1'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createMetaMaskDapp, dappMetadata } from '../testing/metamaskDappHarness.js'
import { buildMwpLink } from './buildMwpLink.js'
import { type CreateMwpWalletParameters, createMwpWallet, type MwpWalletSession } from './createMwpWallet.js'
import { ExpiredMwpLinkError, MwpHandshakeTimeoutError, MwpSessionStateError } from './errors.js'
import { solanaScopes } from './multichainSession.js'
import type { MwpWalletRequest } from './mwpWalletRequest.js'

// MetaMask's own dapp client against the wallet, through the relay process: untrusted pairing with
// an OTP, the wallet in the background and back, account notifications, EVM, and the end of a session.

let relay: SpawnedMwpRelay
beforeAll(async () => {
  relay = await spawnMwpRelay()
})
afterAll(async () => {
  await relay.stop()
})

const mainnet = solanaScopes.mainnet
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

async function pairedPair(overrides: Partial<CreateMwpWalletParameters> = {}) {
  const account = nacl.sign.keyPair()
  const address = bs58.encode(account.publicKey)
  const asked: MwpWalletRequest[] = []
  const errors: Error[] = []
  const wallet = createMwpWallet({
    relayUrl: relay.url,
    solanaSecretKeys: [account.secretKey],
    websocket: WebSocket,
    onRequest: (request) => {
      asked.push(request)
      return true
    },
    onError: (error) => errors.push(error),
    ...overrides,
  })
  const dapp = await createMetaMaskDapp(relay.url)
  let shownOtp = ''
  const paired = dapp.sessionRequest().then(async (request) =>
    wallet.pair(await buildMwpLink(request, dappMetadata), {
      displayOtp: (otp) => {
        shownOtp = otp
      },
    }),
  )
  return { account, address, asked, errors, wallet, dapp, paired, otp: () => shownOtp }
}

async function connectTrusted(overrides: Partial<CreateMwpWalletParameters> = {}) {
  const pair = await pairedPair(overrides)
  await pair.dapp.client.connect({ mode: 'trusted' })
  const session: MwpWalletSession = await pair.paired
  await pair.dapp.request('wallet_createSession', {
    optionalScopes: { [mainnet]: {} },
    sessionProperties: { solana_accountChanged_notifications: true },
  })
  return { ...pair, session }
}

const nextNotification = (dapp: Awaited<ReturnType<typeof createMetaMaskDapp>>, method: string) =>
  new Promise<Record<string, unknown>>((resolve) => {
    const onMessage = (payload: unknown) => {
      const data = (payload as { data?: Record<string, unknown> }).data
      if (data?.['method'] === method) {
        dapp.client.off('message', onMessage)
        resolve(data)
      }
    }
    dapp.client.on('message', onMessage)
  })

describe('MWP wallet lifecycle with MetaMask’s dapp client', () => {
  it('pairs in untrusted mode when the dapp’s user types the OTP the wallet shows', async () => {
    const pair = await pairedPair()
    pair.dapp.client.on('otp_required', ({ submit }: { submit(otp: string): Promise<void> }) => {
      void submit(pair.otp())
    })
    await pair.dapp.client.connect({ mode: 'untrusted' })
    const session = await pair.paired
    expect(pair.otp()).toMatch(/^\d{6}$/)
    expect(session.status()).toBe('connected')
    const answer = await pair.dapp.request('wallet_getSession')
    expect(answer['result']).toEqual({ sessionScopes: {} })
    await session.end()
    await pair.dapp.client.disconnect()
  })

  it('fails on both sides after three wrong OTPs: the dapp gives up, the wallet times out', async () => {
    const pair = await pairedPair({ otpTtlMs: 1_500 })
    const attempts: string[] = []
    pair.dapp.client.on('otp_required', async ({ submit }: { submit(otp: string): Promise<void> }) => {
      const wrong = pair.otp() === '123456' ? '654321' : '123456'
      for (let attempt = 0; attempt < 3; attempt++) {
        await submit(wrong).catch((error: Error) => attempts.push(error.name))
      }
    })
    await expect(pair.dapp.client.connect({ mode: 'untrusted' })).rejects.toMatchObject({
      code: 'OTP_MAX_ATTEMPTS_REACHED',
    })
    expect(attempts).toEqual(['OTP_INCORRECT', 'OTP_INCORRECT'])
    await expect(pair.paired).rejects.toThrow(MwpHandshakeTimeoutError)
  })

  it('answers, on return from the background, what the dapp sent while it was away (relay history)', async () => {
    const { dapp, session, asked, address, account } = await connectTrusted()
    await session.goToBackground()
    expect(session.status()).toBe('background')
    const message = new TextEncoder().encode('sent while away')
    // Published to the relay (publish acknowledged) while the wallet has no socket.
    const { answered } = await dapp.send('wallet_invokeMethod', {
      scope: mainnet,
      request: { method: 'signMessage', params: { message: base64(message), account: { address } } },
    })
    expect(asked.map((request) => request.kind)).toEqual(['createSession'])
    await session.returnToForeground()
    const result = (await answered)['result'] as { signature: string }
    expect(nacl.sign.detached.verify(message, bs58.decode(result.signature), account.publicKey)).toBe(true)
    // The createSession request in the history was not answered twice.
    expect(asked.map((request) => request.kind)).toEqual(['createSession', 'signMessage'])
    await expect(session.returnToForeground()).rejects.toThrow(MwpSessionStateError)
    await session.end()
    await dapp.client.disconnect()
  })

  it('tells the dapp of an account change with wallet_notify metamask_accountsChanged', async () => {
    const { dapp, session, address } = await connectTrusted()
    const notified = nextNotification(dapp, 'wallet_notify')
    await session.notifyAccountsChanged(address)
    expect((await notified)['params']).toEqual({
      scope: mainnet,
      notification: { method: 'metamask_accountsChanged', params: [address] },
    })
    await session.end()
    await dapp.client.disconnect()
  })

  it('serves an EVM account on metamask-provider: chainChanged after pairing, personal_sign that recovers', async () => {
    const evmSecretKey = new Uint8Array(32).fill(5)
    const pair = await pairedPair({ evm: { secretKey: evmSecretKey, chainId: 1 } })
    const chainChanged = nextNotification(pair.dapp, 'metamask_chainChanged')
    await pair.dapp.client.connect({ mode: 'trusted' })
    const session = await pair.paired
    expect((await chainChanged)['params']).toEqual({ chainId: '0x1', networkVersion: '1' })
    const accounts = await pair.dapp.request('eth_requestAccounts', [], 'metamask-provider')
    expect(accounts['result']).toEqual([pair.wallet.evmAddress])
    const signed = await pair.dapp.request(
      'personal_sign',
      ['0x6869', pair.wallet.evmAddress],
      'metamask-provider',
    )
    const bytes = Buffer.from((signed['result'] as string).slice(2), 'hex')
    const digest = keccak_256(Buffer.from('\x19Ethereum Signed Message:\n2hi'))
    const publicKey = recoverPublicKey(
      Uint8Array.of((bytes[64] ?? 0) - 27, ...bytes.subarray(0, 64)),
      digest,
      {
        prehash: false,
      },
    )
    const { getPublicKey } = await import('@noble/secp256k1')
    expect(Buffer.from(publicKey).toString('hex')).toBe(
      Buffer.from(getPublicKey(evmSecretKey, true)).toString('hex'),
    )
    await session.end()
    await pair.dapp.client.disconnect()
  })

  it('ends a session: with notifyDapp the dapp gets wallet_sessionChanged with no scopes', async () => {
    const { dapp, session } = await connectTrusted()
    const changed = nextNotification(dapp, 'wallet_sessionChanged')
    await session.end({ notifyDapp: true })
    expect((await changed)['params']).toEqual({ sessionScopes: {} })
    expect(session.status()).toBe('ended')
    expect(session.multichainSession()).toEqual({ step: 'none' })
    await expect(session.goToBackground()).rejects.toThrow(MwpSessionStateError)
    await dapp.client.disconnect()
  })

  it('refuses an expired connection link before touching the relay', async () => {
    const pair = await pairedPair()
    const request = pair.dapp.sessionRequest()
    void pair.dapp.client.connect({ mode: 'trusted' }).catch(() => undefined)
    const link = await buildMwpLink(await request, dappMetadata)
    await expect(pair.wallet.pair(link, { now: Date.now() + 120_000 })).rejects.toThrow(ExpiredMwpLinkError)
    await pair.paired.catch(() => undefined)
    await pair.dapp.client.disconnect()
  })
})

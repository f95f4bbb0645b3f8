import { SessionClosedError, UnauthorizedError, UserRejectedRequestError } from '@dapplink/core/relay'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { SpawnedRelay } from '../src/testing/spawnRelay.js'
import {
  buildTransfer,
  encodeBase58,
  type Pair,
  pairSessions,
  startRelayProcess,
  until,
  verifySignature,
} from './sessionHarness.js'

// Full sessions between @dapplink/core/relay and @dapplink/wallet/relay through a real relay process.

let relay: SpawnedRelay
beforeAll(async () => {
  relay = await startRelayProcess()
})
afterAll(async () => {
  await relay.stop()
})

describe('relay session, end to end', () => {
  it('pairs, matches codes, runs every verb with real ed25519 signatures, and closes both sides', async () => {
    const sent: Uint8Array[] = []
    let slowStarted = false
    const pair: Pair = await pairSessions(relay.url, {
      connect: false,
      wallet: {
        handlers: {
          sendTransaction: async (signed) => {
            sent.push(signed)
            return encodeBase58(signed.subarray(1, 65))
          },
          // `slow` is still running in the wallet when the dapp disconnects: it never answers.
          request: (method, params) => {
            if (method !== 'slow') return { method, params }
            slowStarted = true
            return new Promise(() => {})
          },
        },
      },
    })
    const { dapp, wallet, account } = pair
    // The wallet is done when it opened the dapp's DNE; the dapp when the wallet's DNE arrives just after.
    await until(() => dapp.getState().status === 'connected', 5_000, 'the dapp side of the handshake')
    expect(wallet.getState().status).toBe('connected')
    expect(dapp.getState().verificationCode).toMatch(/^\d{6}$/)
    expect(dapp.getState().verificationCode).toBe(wallet.verificationCode)

    expect(await dapp.connect()).toEqual({
      publicKey: encodeBase58(account.publicKey),
      accounts: [encodeBase58(account.publicKey)],
    })
    expect(wallet.dapp).toMatchObject({ name: 'Integration dapp', url: 'https://dapp.example' })

    const message = new TextEncoder().encode('Sign in to the integration dapp')
    expect(verifySignature(account, message, (await dapp.signMessage(message)).signature)).toBe(true)

    const transfer = buildTransfer(account.publicKey, 42)
    const { transaction: signed } = await dapp.signTransaction(transfer.bytes)
    expect(signed.subarray(transfer.messageOffset)).toEqual(transfer.bytes.subarray(transfer.messageOffset))
    expect(verifySignature(account, signed.subarray(transfer.messageOffset), signed.subarray(1, 65))).toBe(
      true,
    )

    const batch = [buildTransfer(account.publicKey, 1), buildTransfer(account.publicKey, 2)]
    const { transactions: signedBatch } = await dapp.signAllTransactions(batch.map((entry) => entry.bytes))
    signedBatch.forEach((bytes, index) => {
      expect(bytes.subarray(65)).toEqual(batch[index]!.bytes.subarray(65))
      expect(verifySignature(account, bytes.subarray(65), bytes.subarray(1, 65))).toBe(true)
    })

    const { transactionSignature: signature } = await dapp.signAndSendTransaction(
      buildTransfer(account.publicKey, 7).bytes,
    )
    expect(sent).toHaveLength(1)
    expect(verifySignature(account, sent[0]!.subarray(65), sent[0]!.subarray(1, 65))).toBe(true)
    expect(signature).toBe(encodeBase58(sent[0]!.subarray(1, 65)))

    expect(await dapp.request('request', { method: 'ping', params: { a: 1 } })).toEqual({
      method: 'ping',
      params: { a: 1 },
    })
    // `disconnect` ends the account connection, not the session: requests are refused until a new connect.
    expect(await dapp.request('disconnect', {})).toEqual({})
    await expect(dapp.signMessage(message)).rejects.toBeInstanceOf(UnauthorizedError)
    expect(await dapp.connect()).toEqual({
      publicKey: encodeBase58(account.publicKey),
      accounts: [encodeBase58(account.publicKey)],
    })

    const pending = dapp.request('request', { method: 'slow' }, { timeoutMs: 60_000 })
    pending.catch(() => {}) // asserted below, once the session is closed
    await until(() => slowStarted, 5_000, 'the wallet to start the slow request')
    await dapp.disconnect()
    await expect(pending).rejects.toBeInstanceOf(SessionClosedError)
    expect(dapp.getState()).toMatchObject({ status: 'cleared', reason: 'disconnected' })
    await until(() => wallet.getState().status === 'cleared', 5_000, 'the wallet to see the terminate')
    expect(wallet.getState().reason).toBe('terminated')
    const label = (error: Error & { shortMessage?: string }) => `${error.name}: ${error.shortMessage}`
    expect(pair.dappErrors.map(label)).toEqual([])
    expect(pair.walletErrors.map(label)).toEqual([])
  })

  it('carries a wallet refusal back as UserRejectedRequestError', async () => {
    const { dapp, wallet } = await pairSessions(relay.url, {
      wallet: { onRequest: (request) => request.method === 'connect' },
    })
    await expect(dapp.signMessage('no thanks')).rejects.toBeInstanceOf(UserRejectedRequestError)
    await wallet.close()
    await until(() => dapp.getState().status === 'cleared')
    expect(dapp.getState().reason).toBe('terminated')
  })

  it('a dapp session writes nothing to localStorage, sessionStorage, IndexedDB or cookies', async () => {
    const touched: string[] = []
    const recorder = (name: string) =>
      new Proxy(
        {},
        {
          get: (_, property) => {
            touched.push(`${name}.${String(property)}`)
            return () => null
          },
        },
      )
    const cookieDocument = {}
    Object.defineProperty(cookieDocument, 'cookie', {
      get: () => {
        touched.push('document.cookie')
        return ''
      },
      set: () => touched.push('document.cookie='),
    })
    vi.stubGlobal('localStorage', recorder('localStorage'))
    vi.stubGlobal('sessionStorage', recorder('sessionStorage'))
    vi.stubGlobal('indexedDB', recorder('indexedDB'))
    vi.stubGlobal('document', cookieDocument)
    try {
      const { dapp, wallet } = await pairSessions(relay.url)
      await dapp.signMessage('stored nowhere')
      await dapp.disconnect()
      await wallet.close()
    } finally {
      vi.unstubAllGlobals()
    }
    expect(touched).toEqual([])
  })
})

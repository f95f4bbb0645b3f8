import { UserRejectedRequestError, type WalletClient, type WalletStatus } from '@dapplink/core'
import { SessionClosedError } from '@dapplink/core/relay'
import { act, renderHook, waitFor } from '@testing-library/react'
import bs58 from 'bs58'
import { type ReactNode, StrictMode } from 'react'
import nacl from 'tweetnacl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRelayHarness, until } from '../../../wallet/src/testing/relayHarness.js'
import { DapplinkProvider } from '../context/DapplinkProvider.js'
import { useWallet } from './useWallet.js'
import { useWalletClient } from './useWalletClient.js'

let harness: ReturnType<typeof createRelayHarness>

beforeAll(() => {
  harness = createRelayHarness()
})

afterAll(async () => {
  await harness?.stop()
})

describe('useWallet over a real relay, answered by @dapplink/wallet/relay', () => {
  it('pairs by QR under StrictMode, signs, pauses and resumes, and closes its socket on unmount', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <StrictMode>
        <DapplinkProvider
          config={{ appUrl: 'https://dapp.test', appName: 'Test dapp', relay: harness.relayOptions }}
        >
          {children}
        </DapplinkProvider>
      </StrictMode>
    )
    const view = renderHook(() => ({ wallet: useWallet(), client: useWalletClient() }), { wrapper })
    const client: WalletClient = view.result.current.client
    const statuses: WalletStatus[] = []
    client.watchState((state, previous) => {
      if (state.status !== previous.status) statuses.push(state.status)
    })

    await act(async () => {
      void view.result.current.wallet.connect({ transport: 'relay' })
    })
    expect(view.result.current.wallet).toMatchObject({
      status: 'connecting',
      transport: 'relay',
      connecting: true,
    })
    await waitFor(() => expect(view.result.current.wallet.pairingUri).toMatch(/^dapplink:pair\?v=2&/))
    expect(view.result.current.wallet.verificationCode).toBeNull()

    // The phone scans the code.
    const walletSession = await harness.pair(view.result.current.wallet.pairingUri!, { pauseAfterMs: 50 })
    const publicKey = bs58.encode(harness.account.publicKey)
    await waitFor(() => expect(view.result.current.wallet.status).toBe('connected'))
    expect(view.result.current.wallet).toMatchObject({
      connected: true,
      publicKey,
      transport: 'relay',
      wallet: null,
      pairingUri: null,
      error: null,
    })
    expect(walletSession.verificationCode).toMatch(/^\d{6}$/)

    // StrictMode mounted twice; one connect opened exactly one relay socket.
    expect(harness.transports).toHaveLength(1)

    let signature!: Uint8Array
    await act(async () => {
      ;({ signature } = await view.result.current.wallet.signMessage('hello relay'))
    })
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode('hello relay'),
        signature,
        harness.account.publicKey,
      ),
    ).toBe(true)

    // The wallet app goes to the background, then comes back.
    walletSession.setVisibility('hidden')
    await waitFor(() => expect(view.result.current.wallet.status).toBe('paused'))
    expect(view.result.current.wallet.connected).toBe(true)
    walletSession.setVisibility('visible')
    await waitFor(() => expect(view.result.current.wallet.status).toBe('connected'))

    expect(statuses).toEqual(['connecting', 'connected', 'paused', 'connected'])

    // Unmounting the provider ends the session: the wallet is told, and no socket stays open.
    view.unmount()
    await until(() => walletSession.getState().status === 'cleared')
    expect(walletSession.getState().reason).toBe('terminated')
    await until(() => harness.openSockets() === 0)
    expect(client.getState().status).toBe('disconnected')
  })

  it('shows the verification code while the wallet approves, and surfaces a declined request and the end of the session as typed errors', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <DapplinkProvider config={{ appUrl: 'https://dapp.test', relay: harness.relayOptions }}>
        {children}
      </DapplinkProvider>
    )
    const view = renderHook(() => useWallet(), { wrapper })
    await act(async () => {
      void view.result.current.connect({ transport: 'relay' })
    })
    await waitFor(() => expect(view.result.current.pairingUri).not.toBeNull())
    let releaseApproval!: () => void
    const approval = new Promise<void>((resolve) => {
      releaseApproval = resolve
    })
    const paired = (async () => {
      const { pairWithDapp } = await import('@dapplink/wallet/relay')
      return pairWithDapp({
        pairingUri: view.result.current.pairingUri!,
        account: harness.account,
        onRequest: async (request) => {
          if (request.method === 'connect') await approval
          // The user declines to sign.
          return request.method !== 'signMessage'
        },
      })
    })()
    const walletSession = await paired
    await waitFor(() => expect(view.result.current.verificationCode).toBe(walletSession.verificationCode))
    // The dapp shows the code while the wallet still asks its user.
    expect(view.result.current.status).toBe('connecting')
    releaseApproval()
    await waitFor(() => expect(view.result.current.status).toBe('connected'))
    // The code stays while the session lives: the wallet keeps showing it.
    expect(view.result.current.verificationCode).toBe(walletSession.verificationCode)

    await act(async () => {
      await expect(view.result.current.signMessage('declined')).rejects.toBeInstanceOf(
        UserRejectedRequestError,
      )
    })
    expect(view.result.current.error).toBeInstanceOf(UserRejectedRequestError)
    expect(view.result.current.status).toBe('connected')

    // The wallet ends the session: the dapp is disconnected and says why.
    await walletSession.close()
    await waitFor(() => expect(view.result.current.status).toBe('disconnected'))
    expect(view.result.current.error).toBeInstanceOf(SessionClosedError)
    expect((view.result.current.error as SessionClosedError).reason).toBe('terminated')
    expect(view.result.current.publicKey).toBeNull()
    await until(() => harness.openSockets() === 0)
    view.unmount()
  })
})

import { UserRejectedRequestError, type WalletClient } from '@dapplink/core'
import { act, renderHook, waitFor } from '@testing-library/react'
import bs58 from 'bs58'
import type { ReactNode } from 'react'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { createDeeplinkHarness, referenceWallet } from '../../../wallet/src/testing/deeplinkHarness.js'
import { DapplinkProvider } from '../context/DapplinkProvider.js'
import { useWallet } from './useWallet.js'
import { useWalletClient } from './useWalletClient.js'

function renderWallet(props: { config: Parameters<typeof DapplinkProvider>[0]['config'] }) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <DapplinkProvider config={props.config!}>{children}</DapplinkProvider>
  )
  return renderHook(() => ({ wallet: useWallet(), client: useWalletClient() }), { wrapper })
}

afterEach(() => {
  window.history.replaceState(null, '', 'https://dapp.test/app')
})

describe('useWallet over deeplinks, answered by @dapplink/wallet', () => {
  it('connects across a page reload, signs in page, and surfaces a rejection as UserRejectedRequestError', async () => {
    const harness = createDeeplinkHarness()

    // Page 1: the user picks the wallet; the dapp opens its connect deeplink.
    const page1 = renderWallet({ config: harness.config })
    expect(page1.result.current.wallet).toMatchObject({
      status: 'disconnected',
      connected: false,
      connecting: false,
      publicKey: null,
    })
    await act(async () => {
      void page1.result.current.wallet.connect({ wallet: 'reference' })
    })
    expect(page1.result.current.wallet).toMatchObject({
      status: 'connecting',
      connecting: true,
      transport: 'deeplink',
      wallet: 'reference',
    })
    expect(harness.opened).toHaveLength(1)
    expect(harness.opened[0]!.startsWith(`${referenceWallet.baseUrl}connect?`)).toBe(true)

    // The phone: the wallet approves and sends the browser back; the page loads again.
    const answer = await harness.approveLast()
    expect(answer.startsWith('https://dapp.test/app?')).toBe(true)
    page1.unmount()
    window.history.replaceState(null, '', answer)

    const page2 = renderWallet({ config: harness.config })
    // Server-equal first render, then the boot effect reads the answer.
    await waitFor(() => expect(page2.result.current.wallet.status).toBe('connected'))
    expect(page2.result.current.wallet).toMatchObject({
      connected: true,
      publicKey: harness.wallet.publicKey,
      transport: 'deeplink',
      wallet: 'reference',
      lastResponse: {
        method: 'connect',
        wallet: 'reference',
        result: { publicKey: harness.wallet.publicKey },
      },
      error: null,
    })

    // Same page (an SPA that catches the redirect itself): the promise of signMessage settles.
    let signing!: Promise<{ signature: Uint8Array }>
    await act(async () => {
      signing = page2.result.current.wallet.signMessage('hello dapplink')
    })
    expect(page2.result.current.wallet).toMatchObject({ status: 'connected', pendingMethod: 'signMessage' })
    expect(harness.opened.at(-1)!.startsWith(`${referenceWallet.baseUrl}signMessage?`)).toBe(true)
    const signed = await harness.approveLast()
    await act(async () => {
      page2.result.current.client.handleRedirect(signed)
    })
    const { signature } = await signing
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode('hello dapplink'),
        signature,
        bs58.decode(harness.wallet.publicKey),
      ),
    ).toBe(true)
    expect(page2.result.current.wallet.pendingMethod).toBeNull()
    expect(page2.result.current.wallet.lastResponse).toMatchObject({
      method: 'signMessage',
      result: { signature },
    })

    // The user says no in the wallet.
    let rejected!: Promise<{ signature: Uint8Array }>
    await act(async () => {
      rejected = page2.result.current.wallet.signMessage('no thanks')
      rejected.catch(() => {})
    })
    const rejection = await harness.rejectLast()
    await act(async () => {
      expect(() => page2.result.current.client.handleRedirect(rejection)).toThrow(UserRejectedRequestError)
    })
    await expect(rejected).rejects.toBeInstanceOf(UserRejectedRequestError)
    expect(page2.result.current.wallet.error).toBeInstanceOf(UserRejectedRequestError)
    expect(page2.result.current.wallet).toMatchObject({
      status: 'connected',
      connected: true,
      pendingMethod: null,
    })

    // Disconnect forgets the stored session: the next page load starts disconnected.
    const states: string[] = []
    const client: WalletClient = page2.result.current.client
    client.watchState((state) => states.push(state.status))
    await act(async () => {
      await page2.result.current.wallet.disconnect()
    })
    expect(states).toEqual(['disconnecting', 'disconnected'])
    page2.unmount()
    window.history.replaceState(null, '', 'https://dapp.test/app')
    const page3 = renderWallet({ config: harness.config })
    await act(async () => {})
    expect(page3.result.current.wallet).toMatchObject({ status: 'disconnected', publicKey: null })
    page3.unmount()
  })

  it('restores a connected session on reload and shows a rejected connect as an error', async () => {
    const harness = createDeeplinkHarness()
    const page1 = renderWallet({ config: harness.config })
    await act(async () => {
      void page1.result.current.wallet.connect({ wallet: 'reference' })
    })
    const rejection = await harness.rejectLast()
    page1.unmount()
    window.history.replaceState(null, '', rejection)

    const page2 = renderWallet({ config: harness.config })
    await waitFor(() => expect(page2.result.current.wallet.error).toBeInstanceOf(UserRejectedRequestError))
    expect(page2.result.current.wallet).toMatchObject({ status: 'disconnected', publicKey: null })
    page2.unmount()
  })
})

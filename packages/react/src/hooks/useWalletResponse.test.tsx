import type { WalletResponse } from '@dapplink/core'
import { act, renderHook, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { createDeeplinkHarness } from '../../../wallet/src/testing/deeplinkHarness.js'
import { DapplinkProvider } from '../context/DapplinkProvider.js'
import { useWallet } from './useWallet.js'
import { useWalletResponse } from './useWalletResponse.js'

afterEach(() => {
  window.history.replaceState(null, '', 'https://dapp.test/app')
})

function renderPage(config: ReturnType<typeof createDeeplinkHarness>['config'], seen: WalletResponse[]) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StrictMode>
      <DapplinkProvider config={config}>{children}</DapplinkProvider>
    </StrictMode>
  )
  return renderHook(
    () => {
      useWalletResponse((response) => seen.push(response))
      return useWallet()
    },
    { wrapper },
  )
}

describe('useWalletResponse', () => {
  it('delivers the answer after the reload once, with the context of the call, and cleans the address bar', async () => {
    const harness = createDeeplinkHarness()
    const seen: WalletResponse[] = []
    const page1 = renderPage(harness.config, seen)
    await act(async () => {
      void page1.result.current.connect({ wallet: 'reference', context: { from: 'header' } })
    })
    page1.unmount()
    window.history.replaceState(null, '', await harness.approveLast())

    const page2 = renderPage(harness.config, seen)
    await waitFor(() => expect(page2.result.current.status).toBe('connected'))
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'connect', wallet: 'reference', context: { from: 'header' } })
    // The answer left the address bar: a reload finds nothing to handle.
    expect(window.location.href).toBe('https://dapp.test/app')

    await act(async () => {
      void page2.result.current.signMessage('hello', { context: { order: 7 } })
    })
    const requestId = harness.opened.length
    page2.unmount()
    window.history.replaceState(null, '', await harness.approveLast())
    const page3 = renderPage(harness.config, seen)
    await waitFor(() => expect(seen).toHaveLength(2))
    expect(seen[1]).toMatchObject({
      method: 'signMessage',
      context: { order: 7 },
      requestId: expect.any(String),
    })
    expect(requestId).toBeGreaterThan(0)
    expect(page3.result.current).toMatchObject({ status: 'connected', error: null, pendingMethod: null })
    page3.unmount()
  })

  it('shows the restored session from the first render: no frame of "disconnected"', async () => {
    const harness = createDeeplinkHarness()
    const page1 = renderPage(harness.config, [])
    await act(async () => {
      void page1.result.current.connect({ wallet: 'reference' })
    })
    page1.unmount()
    window.history.replaceState(null, '', await harness.approveLast())
    const page2 = renderPage(harness.config, [])
    await waitFor(() => expect(page2.result.current.status).toBe('connected'))
    page2.unmount()

    const statuses: string[] = []
    const page3 = renderHook(
      () => {
        const wallet = useWallet()
        statuses.push(wallet.status)
        return wallet
      },
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <DapplinkProvider config={harness.config}>{children}</DapplinkProvider>
        ),
      },
    )
    await act(async () => {})
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses)).toEqual(new Set(['connected']))
    page3.unmount()
  })
})

import { createMemoryStorage, createWalletClient } from '@dapplink/core'
import { act, render, renderHook } from '@testing-library/react'
import { StrictMode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { DapplinkProviderNotFoundError } from '../errors/DapplinkProviderNotFoundError.js'
import { useWallet } from '../hooks/useWallet.js'
import { useWalletClient } from '../hooks/useWalletClient.js'
import { DapplinkProvider } from './DapplinkProvider.js'

/** The clients `Probe` was given. */
const clients = new Set<unknown>()

/** A component that records the client it gets. */
function Probe() {
  clients.add(useWalletClient())
  return null
}

describe('DapplinkProvider', () => {
  it('throws DapplinkProviderNotFoundError when useWallet runs outside it', () => {
    // React logs the thrown error; keep the output readable.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useWallet())).toThrow(DapplinkProviderNotFoundError)
    expect(() => renderHook(() => useWalletClient())).toThrow(/within <DapplinkProvider>/)
    consoleError.mockRestore()
  })

  it('gives the same client and the same state object between renders until the state changes', () => {
    const client = createWalletClient({ appUrl: 'https://dapp.test', storage: createMemoryStorage() })
    const { result, rerender } = renderHook(() => useWallet(), {
      wrapper: ({ children }) => <DapplinkProvider client={client}>{children}</DapplinkProvider>,
    })
    const first = result.current
    rerender()
    expect(result.current).toBe(first)
    expect(result.current.connect).toBe(client.connect)
  })

  it('boots the client once under StrictMode and keeps the one it made', async () => {
    const storage = createMemoryStorage()
    const getItem = vi.spyOn(storage, 'getItem')
    clients.clear()
    const view = render(
      <StrictMode>
        <DapplinkProvider config={{ appUrl: 'https://dapp.test', storage }}>
          <Probe />
        </DapplinkProvider>
      </StrictMode>,
    )
    await act(async () => {})
    // StrictMode renders twice, but the provider hands one client to its tree.
    expect(clients.size).toBe(1)
    // One boot: the session and the pending request are read once, not once per effect run.
    const reads = getItem.mock.calls.length
    expect(reads).toBeGreaterThan(0)
    view.rerender(
      <StrictMode>
        <DapplinkProvider config={{ appUrl: 'https://dapp.test', storage }}>
          <Probe />
        </DapplinkProvider>
      </StrictMode>,
    )
    await act(async () => {})
    expect(getItem.mock.calls.length).toBe(reads)
    view.unmount()
  })
})

import { createWalletClient } from '@dapplink/core'
import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { createDeeplinkHarness } from '../../../wallet/src/testing/deeplinkHarness.js'
import { useWallet } from '../hooks/useWallet.js'
import { DapplinkProvider } from './DapplinkProvider.js'

function Status() {
  const { status, publicKey } = useWallet()
  return <p>{`${status}|${publicKey ?? 'none'}`}</p>
}

describe('hydration', () => {
  it('hydrates the server HTML without a mismatch, then shows the stored session', async () => {
    // A session stored by an earlier visit: connect, approved by the wallet.
    const harness = createDeeplinkHarness()
    const earlier = createWalletClient(harness.config)
    void earlier.connect({ wallet: 'reference' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    await earlier.handleRedirect(await harness.approveLast())
    expect(earlier.getState().status).toBe('connected')

    const html = renderToString(
      <DapplinkProvider config={harness.config}>
        <Status />
      </DapplinkProvider>,
    )
    expect(html).toBe('<p>disconnected|none</p>')

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const recoverableErrors: unknown[] = []
    let root!: ReturnType<typeof hydrateRoot>
    await act(async () => {
      root = hydrateRoot(
        container,
        <DapplinkProvider config={harness.config}>
          <Status />
        </DapplinkProvider>,
        { onRecoverableError: (error) => recoverableErrors.push(error) },
      )
    })
    // The first client render used the server snapshot; the boot effect then restored the session.
    expect(recoverableErrors).toEqual([])
    expect(consoleError).not.toHaveBeenCalled()
    expect(container.textContent).toBe(`connected|${harness.wallet.publicKey}`)
    consoleError.mockRestore()
    act(() => root.unmount())
    container.remove()
  })
})

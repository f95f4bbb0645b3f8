// @vitest-environment node
import { createWalletClient, type DeeplinkStorage } from '@dapplink/core'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { useWallet } from '../hooks/useWallet.js'
import { DapplinkProvider } from './DapplinkProvider.js'

/** A storage that records every access: the server must not touch one. */
function createSpyStorage() {
  const calls: string[] = []
  const storage: DeeplinkStorage = {
    getItem: (key) => {
      calls.push(`get ${key}`)
      return null
    },
    setItem: (key) => {
      calls.push(`set ${key}`)
    },
    removeItem: (key) => {
      calls.push(`remove ${key}`)
    },
  }
  return { storage, calls }
}

function Status() {
  const { status, connected, publicKey, pairingUri } = useWallet()
  return (
    <p>
      {status}|{String(connected)}|{publicKey ?? 'none'}|{pairingUri ?? 'no-qr'}
    </p>
  )
}

describe('server rendering', () => {
  it('renders the disconnected state without a window, storage or network', () => {
    expect(typeof window).toBe('undefined')
    const { storage, calls } = createSpyStorage()
    const html = renderToString(
      <DapplinkProvider
        config={{ appUrl: 'https://dapp.test', storage, relay: { url: 'http://127.0.0.1:9' } }}
      >
        <Status />
      </DapplinkProvider>,
    )
    expect(html).toBe('<p>disconnected<!-- -->|<!-- -->false<!-- -->|<!-- -->none<!-- -->|<!-- -->no-qr</p>')
    expect(calls).toEqual([])
  })

  it('renders a client made outside the tree, and keeps its state untouched', () => {
    const { storage, calls } = createSpyStorage()
    const client = createWalletClient({ appUrl: 'https://dapp.test', storage })
    const before = client.getState()
    const html = renderToString(
      <DapplinkProvider client={client}>
        <Status />
      </DapplinkProvider>,
    )
    expect(html).toContain('disconnected')
    expect(client.getState()).toBe(before)
    expect(calls).toEqual([])
  })
})

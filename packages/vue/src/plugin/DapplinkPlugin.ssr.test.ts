// @vitest-environment node
import { createWalletClient, type DeeplinkStorage, type WalletClient } from '@dapplink/core'
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { useWallet } from '../composables/useWallet.js'
import { useWalletClient } from '../composables/useWalletClient.js'
import { DapplinkPlugin } from './DapplinkPlugin.js'

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

/** One server request: a fresh app, its own client. */
async function renderRequest(storage: DeeplinkStorage) {
  let client: WalletClient | undefined
  const Status = defineComponent({
    setup() {
      client = useWalletClient()
      const { status, connected, publicKey, pairingUri } = useWallet()
      return () =>
        h(
          'p',
          `${status.value}|${connected.value}|${publicKey.value ?? 'none'}|${pairingUri.value ?? 'no-qr'}`,
        )
    },
  })
  const app = createSSRApp(Status).use(DapplinkPlugin, {
    config: { appUrl: 'https://dapp.test', storage, relay: { url: 'http://127.0.0.1:9' } },
  })
  const html = await renderToString(app)
  return { html, client: client! }
}

describe('server rendering', () => {
  it('renders the disconnected state without a window, storage or network', async () => {
    expect(typeof window).toBe('undefined')
    const { storage, calls } = createSpyStorage()
    const { html } = await renderRequest(storage)
    expect(html).toBe('<p>disconnected|false|none|no-qr</p>')
    expect(calls).toEqual([])
  })

  it('gives every request its own client', async () => {
    const { storage } = createSpyStorage()
    const first = await renderRequest(storage)
    const second = await renderRequest(storage)
    expect(first.client).not.toBe(second.client)
  })

  it('leaves no listener behind on a client shared across requests', async () => {
    const shared = createWalletClient({ appUrl: 'https://dapp.test', storage: createSpyStorage().storage })
    let subscriptions = 0
    const counted: WalletClient = {
      ...shared,
      watchState(listener) {
        subscriptions += 1
        return shared.watchState(listener)
      },
    }
    const Status = defineComponent({
      setup() {
        const { status } = useWallet()
        return () => h('p', status.value)
      },
    })
    for (let request = 0; request < 3; request += 1) {
      const html = await renderToString(createSSRApp(Status).use(DapplinkPlugin, { client: counted }))
      expect(html).toBe('<p>disconnected</p>')
    }
    // The server never mounts, so the composable never subscribed.
    expect(subscriptions).toBe(0)
  })
})

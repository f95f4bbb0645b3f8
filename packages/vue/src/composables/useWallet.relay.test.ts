import type { WalletClient, WalletStatus } from '@dapplink/core'
import { SessionClosedError } from '@dapplink/core/relay'
import { flushPromises, mount } from '@vue/test-utils'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createRelayHarness, until } from '../../../wallet/src/testing/relayHarness.js'
import { DapplinkPlugin } from '../plugin/DapplinkPlugin.js'
import { type UseWalletReturnType, useWallet } from './useWallet.js'
import { useWalletClient } from './useWalletClient.js'

let harness: ReturnType<typeof createRelayHarness>

beforeAll(() => {
  harness = createRelayHarness()
})

afterAll(async () => {
  await harness?.stop()
})

describe('useWallet over a real relay, answered by @dapplink/wallet/relay', () => {
  it('pairs by QR, signs, pauses and resumes, and closes its socket when the app unmounts', async () => {
    const page: { wallet?: UseWalletReturnType; client?: WalletClient } = {}
    const Page = defineComponent({
      setup() {
        page.wallet = useWallet()
        page.client = useWalletClient()
        return () => h('p', `${page.wallet!.status.value}|${page.wallet!.pairingUri.value ? 'qr' : 'no-qr'}`)
      },
    })
    const wrapper = mount(Page, {
      global: {
        plugins: [[DapplinkPlugin, { config: { appUrl: 'https://dapp.test', relay: harness.relayOptions } }]],
      },
    })
    const wallet = page.wallet!
    const statuses: WalletStatus[] = []
    page.client!.watchState((state, previous) => {
      if (state.status !== previous.status) statuses.push(state.status)
    })

    void wallet.connect({ transport: 'relay' })
    await until(() => wallet.pairingUri.value !== null)
    await flushPromises()
    expect(wrapper.text()).toBe('connecting|qr')

    const walletSession = await harness.pair(wallet.pairingUri.value!, { pauseAfterMs: 50 })
    await until(() => wallet.status.value === 'connected')
    expect(wallet.publicKey.value).toBe(bs58.encode(harness.account.publicKey))
    expect(wallet.pairingUri.value).toBeNull()
    await flushPromises()
    expect(wrapper.text()).toBe('connected|no-qr')

    const { signature } = await wallet.signMessage('hello relay')
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode('hello relay'),
        signature,
        harness.account.publicKey,
      ),
    ).toBe(true)

    walletSession.setVisibility('hidden')
    await until(() => wallet.status.value === 'paused')
    expect(wallet.connected.value).toBe(true)
    walletSession.setVisibility('visible')
    await until(() => wallet.status.value === 'connected')
    expect(statuses).toEqual(['connecting', 'connected', 'paused', 'connected'])
    expect(harness.transports).toHaveLength(1)

    wrapper.unmount()
    await until(() => walletSession.getState().status === 'cleared')
    expect(walletSession.getState().reason).toBe('terminated')
    await until(() => harness.openSockets() === 0)
  })

  it('shows the end of the session from the wallet side as a typed error', async () => {
    const page: { wallet?: UseWalletReturnType } = {}
    const Page = defineComponent({
      setup() {
        page.wallet = useWallet()
        return () => h('p', page.wallet!.status.value)
      },
    })
    const wrapper = mount(Page, {
      global: {
        plugins: [[DapplinkPlugin, { config: { appUrl: 'https://dapp.test', relay: harness.relayOptions } }]],
      },
    })
    const wallet = page.wallet!
    const connecting = wallet.connect({ transport: 'relay' })
    await until(() => wallet.pairingUri.value !== null)
    const walletSession = await harness.pair(wallet.pairingUri.value!)
    await connecting
    expect(wallet.status.value).toBe('connected')

    await walletSession.close()
    await until(() => wallet.status.value === 'disconnected')
    expect(wallet.error.value).toBeInstanceOf(SessionClosedError)
    expect((wallet.error.value as SessionClosedError).reason).toBe('terminated')
    expect(wallet.publicKey.value).toBeNull()
    await flushPromises()
    expect(wrapper.text()).toBe('disconnected')
    wrapper.unmount()
  })
})

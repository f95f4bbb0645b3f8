import { createMemoryStorage, createWalletClient } from '@dapplink/core'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { createApp, defineComponent, effectScope, h, isReadonly, nextTick } from 'vue'
import { createDeeplinkHarness } from '../../../wallet/src/testing/deeplinkHarness.js'
import { DapplinkPluginNotFoundError } from '../errors/DapplinkPluginNotFoundError.js'
import { DapplinkPlugin } from '../plugin/DapplinkPlugin.js'
import { useWallet } from './useWallet.js'

describe('useWallet', () => {
  it('throws DapplinkPluginNotFoundError without the plugin', () => {
    const Orphan = defineComponent({
      setup() {
        useWallet()
        return () => null
      },
    })
    expect(() => mount(Orphan)).toThrow(DapplinkPluginNotFoundError)
    expect(() => useWallet()).toThrow(DapplinkPluginNotFoundError)
  })

  it('returns read-only refs that follow the client, and stops following when its scope is disposed', async () => {
    const harness = createDeeplinkHarness()
    const client = createWalletClient(harness.config)
    const app = createApp({ render: () => null }).use(DapplinkPlugin, { client })
    const scope = effectScope()
    const wallet = app.runWithContext(() => scope.run(() => useWallet()))!
    expect(isReadonly(wallet.status)).toBe(true)
    expect(wallet.status.value).toBe('disconnected')

    void client.connect({ wallet: 'reference' })
    expect(wallet.status.value).toBe('connecting')
    expect(wallet.connecting.value).toBe(true)
    expect(wallet.wallet.value).toBe('reference')

    scope.stop()
    await client.disconnect()
    // Disposed: the refs keep the last value they saw.
    expect(client.getState().status).toBe('disconnected')
    expect(wallet.status.value).toBe('connecting')
  })

  it('re-renders a component on every state change and unsubscribes on unmount', async () => {
    const client = createWalletClient({
      appUrl: 'https://dapp.test',
      storage: createMemoryStorage(),
      navigate: () => {},
    })
    let subscriptions = 0
    let unsubscriptions = 0
    const watchState = client.watchState
    client.watchState = (listener) => {
      subscriptions += 1
      const unsubscribe = watchState(listener)
      return () => {
        unsubscriptions += 1
        unsubscribe()
      }
    }
    const Status = defineComponent({
      setup() {
        const { status, wallet } = useWallet()
        return () => h('p', `${status.value}:${wallet.value ?? '-'}`)
      },
    })
    const wrapper = mount(Status, { global: { plugins: [[DapplinkPlugin, { client }]] } })
    expect(wrapper.text()).toBe('disconnected:-')
    void client.connect({ wallet: 'phantom' })
    await nextTick()
    expect(wrapper.text()).toBe('connecting:phantom')
    wrapper.unmount()
    expect([subscriptions, unsubscriptions]).toEqual([1, 1])
  })
})

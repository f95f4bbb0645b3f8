import type { WalletResponse } from '@dapplink/core'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createDeeplinkHarness } from '../../../wallet/src/testing/deeplinkHarness.js'
import { DapplinkPlugin } from '../plugin/DapplinkPlugin.js'
import { type UseWalletReturnType, useWallet } from './useWallet.js'
import { useWalletResponse } from './useWalletResponse.js'

function mountPage(config: ReturnType<typeof createDeeplinkHarness>['config'], seen: WalletResponse[]) {
  const page: { wallet?: UseWalletReturnType } = {}
  const rendered: string[] = []
  const Page = defineComponent({
    setup() {
      page.wallet = useWallet()
      useWalletResponse((response) => seen.push(response))
      return () => {
        rendered.push(page.wallet!.status.value)
        return h('p', page.wallet!.status.value)
      }
    },
  })
  const wrapper = mount(Page, { global: { plugins: [[DapplinkPlugin, { config }]] } })
  return { wrapper, wallet: page.wallet!, rendered }
}

afterEach(() => {
  window.history.replaceState(null, '', 'https://dapp.test/app')
})

describe('useWalletResponse', () => {
  it('delivers the answer after the reload once, with the context of the call, and cleans the address bar', async () => {
    const harness = createDeeplinkHarness()
    const seen: WalletResponse[] = []
    const page1 = mountPage(harness.config, seen)
    void page1.wallet.connect({ wallet: 'reference', context: { from: 'vue' } })
    await flushPromises()
    page1.wrapper.unmount()
    window.history.replaceState(null, '', await harness.approveLast())

    const page2 = mountPage(harness.config, seen)
    await flushPromises()
    expect(page2.wallet.status.value).toBe('connected')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'connect', wallet: 'reference', context: { from: 'vue' } })
    expect(window.location.href).toBe('https://dapp.test/app')
    page2.wrapper.unmount()

    // A reload of the connected page renders "connected" from its first render.
    const page3 = mountPage(harness.config, seen)
    await flushPromises()
    expect(new Set(page3.rendered)).toEqual(new Set(['connected']))
    expect(seen).toHaveLength(1)
    page3.wrapper.unmount()
  })
})

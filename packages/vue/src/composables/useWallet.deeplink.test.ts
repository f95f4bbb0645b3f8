import { UserRejectedRequestError, type WalletClient } from '@dapplink/core'
import { flushPromises, mount } from '@vue/test-utils'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { createDeeplinkHarness, referenceWallet } from '../../../wallet/src/testing/deeplinkHarness.js'
import { DapplinkPlugin } from '../plugin/DapplinkPlugin.js'
import { type UseWalletReturnType, useWallet } from './useWallet.js'
import { useWalletClient } from './useWalletClient.js'

/** Mounts a page of the dapp; the plugin boots the client when the app mounts. */
function mountPage(config: ReturnType<typeof createDeeplinkHarness>['config']) {
  const page: { wallet?: UseWalletReturnType; client?: WalletClient } = {}
  const Page = defineComponent({
    setup() {
      page.wallet = useWallet()
      page.client = useWalletClient()
      return () => h('p', `${page.wallet!.status.value}|${page.wallet!.publicKey.value ?? ''}`)
    },
  })
  const wrapper = mount(Page, { global: { plugins: [[DapplinkPlugin, { config }]] } })
  return { wrapper, wallet: page.wallet!, client: page.client! }
}

afterEach(() => {
  window.history.replaceState(null, '', 'https://dapp.test/app')
})

describe('useWallet over deeplinks, answered by @dapplink/wallet', () => {
  it('connects across a page reload, signs in page, and surfaces a rejection as UserRejectedRequestError', async () => {
    const harness = createDeeplinkHarness()
    const page1 = mountPage(harness.config)
    expect(page1.wrapper.text()).toBe('disconnected|')
    void page1.wallet.connect({ wallet: 'reference' })
    await flushPromises()
    expect(page1.wrapper.text()).toBe('connecting|')
    expect(page1.wallet.wallet.value).toBe('reference')
    expect(harness.opened[0]!.startsWith(`${referenceWallet.baseUrl}connect?`)).toBe(true)

    const answer = await harness.approveLast()
    page1.wrapper.unmount()
    window.history.replaceState(null, '', answer)

    const page2 = mountPage(harness.config)
    await flushPromises()
    expect(page2.wrapper.text()).toBe(`connected|${harness.wallet.publicKey}`)
    expect(page2.wallet.connected.value).toBe(true)
    expect(page2.wallet.lastResponse.value).toMatchObject({
      method: 'connect',
      result: { publicKey: harness.wallet.publicKey },
    })

    const signing = page2.wallet.signMessage('hello vue')
    await flushPromises()
    expect(page2.wallet.pendingMethod.value).toBe('signMessage')
    page2.client.handleRedirect(await harness.approveLast())
    const { signature } = await signing
    expect(
      nacl.sign.detached.verify(
        new TextEncoder().encode('hello vue'),
        signature,
        bs58.decode(harness.wallet.publicKey),
      ),
    ).toBe(true)
    expect(page2.wallet.pendingMethod.value).toBeNull()

    const rejected = page2.wallet.signMessage('no thanks')
    rejected.catch(() => {})
    await flushPromises()
    const rejection = await harness.rejectLast()
    expect(() => page2.client.handleRedirect(rejection)).toThrow(UserRejectedRequestError)
    await expect(rejected).rejects.toBeInstanceOf(UserRejectedRequestError)
    expect(page2.wallet.error.value).toBeInstanceOf(UserRejectedRequestError)
    expect(page2.wallet.status.value).toBe('connected')

    const statuses: string[] = []
    page2.client.watchState((state) => statuses.push(state.status))
    await page2.wallet.disconnect()
    expect(statuses).toEqual(['disconnecting', 'disconnected'])
    page2.wrapper.unmount()
  })
})

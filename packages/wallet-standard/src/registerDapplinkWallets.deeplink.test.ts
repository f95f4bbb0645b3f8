import { UserRejectedRequestError } from '@dapplink/core'
import { SolanaSignMessage, type SolanaSignMessageFeature } from '@solana/wallet-standard-features'
import type { Wallet } from '@wallet-standard/base'
import {
  StandardConnect,
  type StandardConnectFeature,
  StandardEvents,
  type StandardEventsChangeProperties,
  type StandardEventsFeature,
} from '@wallet-standard/features'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { createDeeplinkHarness, referenceWallet } from '../../wallet/src/testing/deeplinkHarness.js'
import { registerDapplinkWallets } from './registerDapplinkWallets.js'
import type { DeeplinkAnswer } from './session/deeplinkAnswers.js'

function featuresOf(wallet: Wallet) {
  return wallet.features as StandardConnectFeature & StandardEventsFeature & SolanaSignMessageFeature
}

/** One page load of the dapp: registers the wallets again, as the dapp's code does on every load. */
function loadPage(harness: ReturnType<typeof createDeeplinkHarness>, url = 'https://dapp.test/app') {
  window.history.replaceState(null, '', url)
  const { config } = harness
  const registration = registerDapplinkWallets({
    appUrl: config.appUrl,
    deeplink: {
      wallets: [referenceWallet],
      when: 'always',
      storage: config.storage,
      redirectLink: config.redirectLink,
      navigate: config.navigate,
    },
  })
  const wallet = registration.wallets[0]!
  return { registration, wallet, features: featuresOf(wallet) }
}

/** Whether `promise` is still pending after the queued work ran. */
async function isPending(promise: Promise<unknown>) {
  let settled = false
  promise.then(
    () => (settled = true),
    () => (settled = true),
  )
  await new Promise((resolve) => setTimeout(resolve, 50))
  return !settled
}

afterEach(() => {
  window.history.replaceState(null, '', 'https://dapp.test/app')
})

describe('a deeplink wallet, answered by @dapplink/wallet across page loads', () => {
  it('connects through the restored session and a silent connect; a sign request answers after the reload', async () => {
    const harness = createDeeplinkHarness()

    // Page 1: the user picks the wallet in the dapp's list; connect opens the wallet and the page leaves.
    const page1 = loadPage(harness)
    expect(page1.wallet.name).toBe('Reference wallet (deeplink)')
    expect(page1.wallet.icon).toMatch(/^data:image\/svg\+xml;base64,/)
    const connecting = page1.features[StandardConnect].connect()
    await until(() => harness.opened.length === 1)
    expect(harness.opened[0]!.startsWith(`${referenceWallet.baseUrl}connect?`)).toBe(true)
    // The page would be gone: the standard promise does not settle in it.
    expect(await isPending(connecting)).toBe(true)

    // Page 2: the wallet sent the browser back; wallet-adapter's autoConnect asks for a silent connect.
    const page2 = loadPage(harness, await harness.approveLast())
    const changes: StandardEventsChangeProperties[] = []
    page2.features[StandardEvents].on('change', (properties) => changes.push(properties))
    const { accounts } = await page2.features[StandardConnect].connect({ silent: true })
    expect(accounts).toHaveLength(1)
    const account = accounts[0]!
    expect(account.address).toBe(harness.wallet.publicKey)
    expect([...account.publicKey]).toEqual([...bs58.decode(harness.wallet.publicKey)])
    expect(changes).toEqual([{ accounts }])

    // A sign request by deeplink leaves the page too: its promise stays pending in this page.
    const message = new TextEncoder().encode('signed by deeplink')
    const signing = page2.features[SolanaSignMessage].signMessage({ account, message })
    await until(() => harness.opened.length === 2)
    expect(harness.opened[1]!.startsWith(`${referenceWallet.baseUrl}signMessage?`)).toBe(true)
    expect(await isPending(signing)).toBe(true)

    // Page 3: the answer arrives through the subscription; the session is restored silently again.
    const page3 = loadPage(harness, await harness.approveLast())
    const answers: DeeplinkAnswer[] = []
    const stop = page3.registration.watchDeeplinkAnswers((answer) => answers.push(answer))
    await until(() => answers.length === 1)
    const answer = answers[0]!
    expect('response' in answer && answer.response.method).toBe('signMessage')
    const signature =
      'response' in answer && answer.response.method === 'signMessage'
        ? answer.response.result.signature
        : null
    expect(nacl.sign.detached.verify(message, signature!, bs58.decode(harness.wallet.publicKey))).toBe(true)
    expect((await page3.features[StandardConnect].connect({ silent: true })).accounts[0]?.address).toBe(
      harness.wallet.publicKey,
    )
    stop()

    // Page 4: a refusal in the wallet arrives as a 4001 UserRejectedRequestError.
    void page3.features[SolanaSignMessage].signMessage({ account: page3.wallet.accounts[0]!, message })
    await until(() => harness.opened.length === 3)
    const page4 = loadPage(harness, await harness.rejectLast())
    const refusals: DeeplinkAnswer[] = []
    page4.registration.watchDeeplinkAnswers((refusal) => refusals.push(refusal))
    await until(() => refusals.length === 1)
    const refusal = refusals[0]!
    expect('error' in refusal && refusal.error).toBeInstanceOf(UserRejectedRequestError)
    expect('error' in refusal && refusal.error).toMatchObject({ code: 4001 })
  })

  it('a silent connect without a stored session resolves with no accounts and opens nothing', async () => {
    const harness = createDeeplinkHarness()
    const page = loadPage(harness)
    expect(await page.features[StandardConnect].connect({ silent: true })).toEqual({ accounts: [] })
    expect(harness.opened).toEqual([])
    expect(page.wallet.accounts).toEqual([])
  })

  it('an unknown built-in id rejects connect with UnknownWalletProfileError naming the known ones', async () => {
    const { wallets } = registerDapplinkWallets({
      appUrl: 'https://dapp.test',
      deeplink: { wallets: ['phantom', 'glow'], when: 'always' },
    })
    expect(wallets.map((wallet) => wallet.name)).toEqual(['Phantom (deeplink)', 'glow (deeplink)'])
    await expect(featuresOf(wallets[1]!)[StandardConnect].connect()).rejects.toMatchObject({
      name: 'UnknownWalletProfileError',
      message: expect.stringContaining('Known profiles: phantom, solflare, backpack.'),
    })
  })

  it('is listed only on mobile browsers without the injected wallet, unless told otherwise', () => {
    const userAgent = navigator.userAgent
    const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148'
    const names = (when?: 'mobile' | 'always' | 'never') =>
      registerDapplinkWallets({ appUrl: 'https://dapp.test', deeplink: when ? { when } : {} }).wallets.map(
        (wallet) => wallet.name,
      )
    try {
      expect(names()).toEqual([])
      expect(names('always')).toEqual(['Phantom (deeplink)', 'Solflare (deeplink)', 'Backpack (deeplink)'])
      Object.defineProperty(navigator, 'userAgent', { value: iPhone, configurable: true })
      expect(names()).toEqual(['Phantom (deeplink)', 'Solflare (deeplink)', 'Backpack (deeplink)'])
      expect(names('never')).toEqual([])
      // Phantom's in-app browser injects its provider: its deeplink wallet is not listed there.
      ;(window as unknown as Record<string, unknown>)['phantom'] = { solana: {} }
      expect(names()).toEqual(['Solflare (deeplink)', 'Backpack (deeplink)'])
    } finally {
      delete (window as unknown as Record<string, unknown>)['phantom']
      Object.defineProperty(navigator, 'userAgent', { value: userAgent, configurable: true })
    }
  })
})

async function until(check: () => boolean, timeoutMs = 5_000) {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

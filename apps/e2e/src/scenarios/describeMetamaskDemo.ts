import type { Browser, BrowserContext, Page } from 'playwright-core'
import { verifyMessage } from 'viem'
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest'
import type { createPageSwitcher } from '../browser/createPageSwitcher.js'
import { answerInWallet } from './answerInWallet.js'
import { feeLamports, rpc, transferLamports } from './clusterRpc.js'
import { dappAddress, walletAddress } from './dappAddress.js'
import { textOf, waitForAttribute, waitForStatus } from './demoPage.js'
import { expectReloadEndsSession } from './expectReloadEndsSession.js'
import { openDappAndWallet } from './openDappAndWallet.js'
import { createTimings } from './timings.js'

// How long a request waits with no word from the wallet before the dapp shows `paused` (the SDK's default is
// 20 s; the demo takes ?mwpQuietAfterMs= so the scenario stays short).
const quietAfterMs = 1_500

export type DescribeMetamaskDemoParameters = {
  demo: 'react' | 'vue'
  /** Chromium, launched once by the test file. */
  browser: () => Browser
  /** The MWP relay stand-in's URL (`ws://127.0.0.1:PORT/connection/websocket`), spawned by the test file. */
  mwpRelayUrl: () => string
}

/**
 * The "MetaMask Mobile" button of one demo, end to end in Chromium: the demo pairs over the Mobile Wallet
 * Protocol through the local relay stand-in with the reference wallet (which answers MetaMask links as
 * MetaMask Mobile would), opened from the demo's "Open in wallet" link in a second tab.
 */
export function describeMetamaskDemo(parameters: DescribeMetamaskDemoParameters) {
  const { demo } = parameters
  describe(`${demo} demo: MetaMask Mobile (MWP)`, () => {
    const services = inject('services')
    const demoUrl = demo === 'react' ? services.reactUrl : services.vueUrl
    const timings = createTimings(`${demo} metamask`)
    let context: BrowserContext
    let dapp: Page
    let wallet: Page
    let walletPublicKey: string
    let drive: ReturnType<typeof createPageSwitcher>
    let pageErrors: string[]

    const dappUrl = () =>
      dappAddress(demoUrl, services, {
        mwpRelayUrl: parameters.mwpRelayUrl(),
        mwpQuietAfterMs: String(quietAfterMs),
      })

    /** Opens the demo, clicks "MetaMask Mobile", follows "Open in wallet" in the wallet tab, approves. */
    async function pairWithMetamaskButton() {
      await drive(dapp)
      await dapp.goto(dappUrl())
      await waitForStatus(dapp, 'disconnected')
      await dapp.getByTestId('connect-metamask').click()
      await dapp.getByTestId('pairing-qr').waitFor()
      await waitForStatus(dapp, 'connecting')
      expect(await textOf(dapp, 'transport')).toBe('metamask')
      const walletLink = await dapp.getByTestId('open-in-wallet').getAttribute('href')
      const link = new URL(walletLink!)
      expect(`${link.origin}${link.pathname}`).toBe(`${services.walletUrl}/ul/v1/mwp`)
      expect(link.searchParams.get('mwpRelayUrl')).toBe(parameters.mwpRelayUrl())
      // The link carries the QR code's own metamask://connect/mwp link (Mobile's scanner routes only that form).
      expect(decodeURIComponent(link.hash.slice('#link='.length))).toMatch(
        /^metamask:\/\/connect\/mwp\?p=.+&c=1$/,
      )
      await drive(wallet)
      await wallet.goto(walletLink!)
      await waitForAttribute(wallet, 'mwp-state', 'data-state', 'connected')
      // wallet_createSession: the user approves the Solana (and EVM) scopes.
      await wallet.getByTestId('approve').click()
      await waitForStatus(dapp, 'connected')
      expect(await textOf(dapp, 'transport')).toBe('metamask')
      expect(await textOf(dapp, 'public-key')).toBe(walletPublicKey)
      expect(await dapp.getByTestId('pairing-qr').count()).toBe(0)
    }

    /** Clicks `testId` on the dapp and approves the request the wallet shows with `method`. */
    const approveInWallet = (testId: string, method: string) =>
      answerInWallet({ dapp, wallet, drive }, testId, method)

    beforeAll(async () => {
      // The wallet keeps its settings (here: the local cluster) in its origin's localStorage.
      ;({ context, drive, dapp, wallet, walletPublicKey, pageErrors } = await openDappAndWallet(
        parameters.browser(),
        { walletAddress: walletAddress(services) },
      ))
    })

    afterAll(async () => {
      timings.print()
      await context?.close()
    })

    it('pairs, signs a message, sends a transfer, waits while the wallet is away, and signs with the EVM provider', async () => {
      onTestFailed(async () => {
        for (const [name, page] of [
          ['dapp', dapp],
          ['wallet', wallet],
        ] as const)
          process.stdout.write(
            // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps the lines of the page
            `[e2e] ${name} page:\n${await page.locator('body').innerText().catch(String)}\n`,
          )
      })
      await timings.measure('metamaskPairAndConnect', pairWithMetamaskButton)

      const message = `Hello from the ${demo} demo over MetaMask's protocol`
      await drive(dapp)
      await dapp.getByTestId('message-input').fill(message)
      await timings.measure('metamaskSignMessage', async () => {
        await approveInWallet('sign-message', 'signMessage')
        await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
      })
      expect(await textOf(dapp, 'signed-message-text')).toBe(message)

      // signAndSendTransaction: the wallet sends it to the local cluster; the dapp shows the balance change.
      await drive(dapp)
      await dapp.getByTestId('airdrop').click()
      await waitForAttribute(dapp, 'balance', 'data-lamports', '1000000000')
      await timings.measure('metamaskSignAndSend', async () => {
        await approveInWallet('sign-and-send', 'signAndSendTransaction')
        await dapp.getByTestId('balance-change').waitFor({ timeout: 45_000 })
      })
      const before = Number(await dapp.getByTestId('balance-before').getAttribute('data-lamports'))
      const after = Number(await dapp.getByTestId('balance-after').getAttribute('data-lamports'))
      expect(before - after).toBe(transferLamports + feeLamports)
      const recipient = await textOf(dapp, 'transfer-recipient')
      const signature = await textOf(dapp, 'transfer-signature')
      // Checked on the cluster itself, not only on the page.
      expect((await rpc<{ value: number }>(services.clusterUrl, 'getBalance', [recipient])).value).toBe(
        transferLamports,
      )
      const statuses = await rpc<{ value: ({ err: unknown } | null)[] }>(
        services.clusterUrl,
        'getSignatureStatuses',
        [[signature]],
      )
      expect(statuses.value[0]).toMatchObject({ err: null })

      // EVM over the same session: personal_sign through client.getEthereumProvider().
      const evmMessage = `EVM hello from the ${demo} demo`
      await drive(dapp)
      await dapp.getByTestId('message-input').fill(evmMessage)
      await timings.measure('metamaskPersonalSign', async () => {
        await approveInWallet('evm-personal-sign', 'personalSign')
        await waitForAttribute(dapp, 'evm-verified', 'data-verified', 'true')
      })
      const evmAddress = await textOf(dapp, 'evm-address')
      expect(evmAddress).toMatch(/^0x[0-9a-fA-F]{40}$/)
      expect((await textOf(dapp, 'evm-recovered-address')).toLowerCase()).toBe(evmAddress.toLowerCase())
      // And checked again here, outside the page, with viem.
      expect(
        await verifyMessage({
          address: evmAddress as `0x${string}`,
          message: evmMessage,
          signature: (await textOf(dapp, 'evm-signature')) as `0x${string}`,
        }),
      ).toBe(true)

      // The wallet goes to the background: a request waits, the dapp shows `paused`, the wallet answers after
      // it returns (it reads what the dapp sent meanwhile from the relay's history).
      await drive(wallet)
      await wallet.getByTestId('mwp-background').click()
      await waitForAttribute(wallet, 'mwp-state', 'data-state', 'background')
      const whilePaused = 'Sent while MetaMask was in the background'
      await drive(dapp)
      await dapp.getByTestId('message-input').fill(whilePaused)
      await dapp.getByTestId('sign-message').click()
      await dapp.locator('[data-testid="pending-method"]', { hasText: 'signMessage' }).waitFor()
      await timings.measure('metamaskPause', () => waitForStatus(dapp, 'paused', quietAfterMs + 5_000))
      await dapp.getByTestId('paused-notice').waitFor()
      expect(await wallet.getByTestId('message-text').filter({ hasText: whilePaused }).count()).toBe(0)
      expect(await textOf(dapp, 'pending-method')).toBe('signMessage')
      await timings.measure('metamaskResumeAndAnswer', async () => {
        await drive(wallet)
        await wallet.getByTestId('mwp-background').click()
        await waitForAttribute(wallet, 'mwp-state', 'data-state', 'connected')
        await wallet.getByTestId('message-text').filter({ hasText: whilePaused }).waitFor()
        await wallet.getByTestId('approve').click()
        await dapp.getByTestId('signed-message-text').filter({ hasText: whilePaused }).waitFor()
      })
      await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
      await waitForStatus(dapp, 'connected')

      await drive(dapp)
      await dapp.getByTestId('disconnect').click()
      await waitForStatus(dapp, 'disconnected')
      expect(await textOf(dapp, 'public-key')).toBe('—')
      expect(pageErrors).toEqual([])
    })

    it('a reload of the dapp clears the session and leaves nothing of it in storage', async () => {
      await pairWithMetamaskButton()
      await expectReloadEndsSession(dapp, drive)
      const stored = await dapp.evaluate(async () => ({
        local: Object.keys(localStorage),
        session: Object.fromEntries(
          Object.keys(sessionStorage).map((key) => [key, sessionStorage.getItem(key)]),
        ),
        databases: (await indexedDB.databases()).map((database) => database.name),
        cookie: document.cookie,
      }))
      expect(stored.local).toEqual([])
      expect(stored.databases).toEqual([])
      expect(stored.cookie).toBe('')
      // Only the demo's own URL settings for the tab (?walletUrl=… kept across deeplink returns); no key, no
      // channel, no session of the SDK.
      expect(Object.keys(stored.session)).toEqual(['dapplink-demo.settings'])
      expect(Object.keys(JSON.parse(stored.session['dapplink-demo.settings']!)).sort()).toEqual([
        'mwpRelayUrl',
        'relayUrl',
        'rpcUrl',
        'walletUrl',
      ])
      expect(pageErrors).toEqual([])
    })
  })
}

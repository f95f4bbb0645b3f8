import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { countAnimationFrames } from '../browser/countAnimationFrames.js'
import { createPageSwitcher } from '../browser/createPageSwitcher.js'
import { launchChromium } from '../browser/launchChromium.js'
import { watchRelayFrames } from '../browser/watchRelayFrames.js'
import { feeLamports, rpc, transferLamports } from './clusterRpc.js'
import { textOf, waitForAttribute, waitForStatus, waitForValue } from './demoPage.js'
import { createTimings } from './timings.js'

// The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1), so a test run does not
// rewrite tracked files; otherwise they go to the git-ignored test-results/ folder.
const screenshotDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  process.env['UPDATE_SCREENSHOTS'] === '1' ? 'screenshots' : 'test-results/screenshots',
)

/**
 * The end-to-end scenarios of one demo dapp (`demo`: 'react' or 'vue'), driven in Chromium against the
 * reference wallet, the relay and the local cluster that the global setup started.
 */
export function describeDemo(demo: 'react' | 'vue') {
  describe(`${demo} demo`, () => {
    const services = inject('services')
    const demoUrl = demo === 'react' ? services.reactUrl : services.vueUrl
    const query = new URLSearchParams({
      walletUrl: services.walletUrl,
      relayUrl: services.relayUrl,
      rpcUrl: services.clusterUrl,
    })
    const timings = createTimings(demo)
    let browser: Browser
    let context: BrowserContext
    let dapp: Page
    let wallet: Page
    let walletPublicKey: string
    let dappFrames: ReturnType<typeof watchRelayFrames>
    let walletFrames: ReturnType<typeof watchRelayFrames>
    const pageErrors: string[] = []
    let drive: ReturnType<typeof createPageSwitcher>

    const screenshot = (page: Page, name: string) =>
      page.screenshot({ path: join(screenshotDir, `${demo}-${name}.png`), fullPage: true })

    /** Opens the dapp with the test's service URLs (kept for the tab, so deeplink returns keep them). */
    async function openDapp() {
      await drive(dapp)
      await dapp.goto(`${demoUrl}/?${query}`)
      await waitForStatus(dapp, 'disconnected')
    }

    /** Clicks `testId` on the dapp, answers the deeplink in the wallet, and waits until the dapp is back. */
    async function deeplinkRoundTrip(
      testId: string,
      method: string,
      answer: 'approve' | 'reject' = 'approve',
    ) {
      await dapp.getByTestId(testId).click()
      await dapp.waitForURL(`${services.walletUrl}/ul/v1/${method}**`)
      await dapp.getByTestId(answer).waitFor()
      return dapp
    }

    async function answerAndReturn(answer: 'approve' | 'reject' = 'approve') {
      await dapp.getByTestId(answer).click()
      await dapp.waitForURL(`${demoUrl}/**`, { timeout: 45_000 })
    }

    /** Whether any frame of the dapp's current page load offered a Connect button (see the init script). */
    const connectWasOffered = () =>
      dapp.evaluate(() => (window as { __connectOffered?: boolean }).__connectOffered === true)

    /**
     * Reloads the dapp after a handled deeplink answer: the answer must be gone from the address bar, so the
     * reload shows no error (no ReplayError), the same connected session, and no frame of Connect buttons.
     */
    async function reloadAfterAnswer() {
      await drive(dapp)
      expect(new URL(dapp.url()).searchParams.has('dapplink_id')).toBe(false)
      await dapp.reload()
      await waitForStatus(dapp, 'connected')
      await dapp.waitForTimeout(300)
      expect(await dapp.getByTestId('error').count()).toBe(0)
      expect(await dapp.getByTestId('demo-error').count()).toBe(0)
      expect(await connectWasOffered()).toBe(false)
    }

    async function pairByRelay() {
      await drive(dapp)
      await dapp.getByTestId('connect-relay').click()
      await dapp.getByTestId('pairing-qr').waitFor()
      const walletLink = await dapp.getByTestId('open-in-wallet').getAttribute('href')
      expect(walletLink).toMatch(new RegExp(`^${services.walletUrl}/ul/v1/pair#uri=`))
      await drive(wallet)
      await wallet.goto(walletLink!)
      await wallet.getByTestId('approve').waitFor()
    }

    beforeAll(async () => {
      mkdirSync(screenshotDir, { recursive: true })
      browser = await launchChromium()
      context = await browser.newContext({ viewport: { width: 1040, height: 900 } })
      context.setDefaultTimeout(20_000)
      drive = createPageSwitcher(context)
      // Records, from the first DOM mutation of each page load, whether a Connect button was ever shown.
      await context.addInitScript(() => {
        const page = window as { __connectOffered?: boolean }
        page.__connectOffered = false
        new MutationObserver(() => {
          if (document.querySelector('[data-testid="connect-deeplink"], [data-testid="connect-relay"]'))
            page.__connectOffered = true
        }).observe(document, { childList: true, subtree: true })
      })
      dapp = await context.newPage()
      wallet = await context.newPage()
      for (const page of [dapp, wallet]) page.on('pageerror', (error) => pageErrors.push(error.message))
      dappFrames = watchRelayFrames(dapp)
      walletFrames = watchRelayFrames(wallet)
      // The wallet keeps its settings in its origin's localStorage, shared by both pages of the context.
      await drive(wallet)
      await wallet.goto(
        `${services.walletUrl}/?rpcUrl=${encodeURIComponent(services.clusterUrl)}&pauseAfterMs=300`,
      )
      walletPublicKey = await waitForValue(wallet, 'public-key', '')
    })

    afterAll(async () => {
      timings.print()
      await browser?.close()
    })

    it('deeplink: connect, signMessage, a rejected request, a transfer with the balance change, disconnect', async () => {
      await openDapp()
      await timings.measure('deeplinkConnect', async () => {
        await deeplinkRoundTrip('connect-deeplink', 'connect')
        await answerAndReturn()
        await waitForStatus(dapp, 'connected')
      })
      expect(await textOf(dapp, 'transport')).toBe('deeplink')
      expect(await textOf(dapp, 'public-key')).toBe(walletPublicKey)
      // The page that came back from the wallet restored the session before its first frame.
      expect(await connectWasOffered()).toBe(false)
      await reloadAfterAnswer()

      await dapp.getByTestId('airdrop').click()
      await waitForAttribute(dapp, 'balance', 'data-lamports', '1000000000')
      expect(await textOf(dapp, 'balance')).toBe('1 SOL')

      const message = `Hello from the ${demo} demo by deeplink`
      await dapp.getByTestId('message-input').fill(message)
      await timings.measure('deeplinkSignMessage', async () => {
        await deeplinkRoundTrip('sign-message', 'signMessage')
        expect(await textOf(dapp, 'message-text')).toBe(message)
        await answerAndReturn()
        await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
      })
      // The message shown came back with the answer, as the context of the signMessage call.
      expect(await textOf(dapp, 'signed-message-text')).toBe(message)
      expect(await connectWasOffered()).toBe(false)
      await reloadAfterAnswer()
      expect(await textOf(dapp, 'signed-message-text')).toBe(message)

      // Back from the wallet without answering: the page waits for signMessage; Cancel frees it.
      await deeplinkRoundTrip('sign-message', 'signMessage')
      await dapp.goBack()
      await dapp.waitForURL(`${demoUrl}/**`)
      await waitForStatus(dapp, 'connected')
      await dapp.locator('[data-testid="pending-method"]', { hasText: 'signMessage' }).waitFor()
      expect(await dapp.getByTestId('sign-message').isDisabled()).toBe(true)
      await dapp.getByTestId('cancel-request').click()
      await waitForValue(dapp, 'pending-method', 'signMessage')
      expect(await textOf(dapp, 'pending-method')).toBe('—')
      expect(await dapp.getByTestId('sign-message').isEnabled()).toBe(true)
      expect(await dapp.getByTestId('error').count()).toBe(0)

      await deeplinkRoundTrip('sign-message', 'signMessage')
      await answerAndReturn('reject')
      await waitForAttribute(dapp, 'error', 'data-name', 'UserRejectedRequestError')
      expect(await textOf(dapp, 'error-message')).toBe('The user rejected the request in the wallet.')
      await waitForStatus(dapp, 'connected')
      await screenshot(dapp, 'deeplink-rejected')
      // The error can be dismissed, and a reload does not bring it (or a ReplayError) back.
      await dapp.getByTestId('dismiss-error').click()
      expect(await dapp.getByTestId('error').count()).toBe(0)
      await reloadAfterAnswer()

      await timings.measure('deeplinkSignAndSend', async () => {
        await deeplinkRoundTrip('sign-and-send', 'signAndSendTransaction')
        expect(await textOf(dapp, 'tx-transfer-amount')).toBe('0.01 SOL')
        await answerAndReturn()
        await dapp.getByTestId('balance-change').waitFor({ timeout: 45_000 })
      })
      const before = Number(await dapp.getByTestId('balance-before').getAttribute('data-lamports'))
      const after = Number(await dapp.getByTestId('balance-after').getAttribute('data-lamports'))
      expect(before).toBe(1_000_000_000)
      expect(after).toBe(before - transferLamports - feeLamports)
      expect(await textOf(dapp, 'balance-change')).toContain('-0.010005 SOL')
      expect(await dapp.getByTestId('error').count()).toBe(0)
      // The cluster agrees: the recipient got the amount.
      const recipient = await textOf(dapp, 'transfer-recipient')
      const received = await rpc<{ value: number }>(services.clusterUrl, 'getBalance', [recipient])
      expect(received.value).toBe(transferLamports)
      await screenshot(dapp, 'deeplink-transfer')
      await reloadAfterAnswer()
      expect(await textOf(dapp, 'transfer-recipient')).toBe(recipient)

      await dapp.getByTestId('disconnect').click()
      await waitForStatus(dapp, 'disconnected')
      expect(await textOf(dapp, 'public-key')).toBe('—')
    })

    it('relay: pairing with equal codes, sign requests, a rejection, a paused wallet, disconnect', async () => {
      await openDapp()
      const pairingStarted = Date.now()
      await pairByRelay()
      const walletCode = await waitForValue(wallet, 'verification-code', '')
      const dappCode = await waitForValue(dapp, 'verification-code')
      expect(dappCode).toMatch(/^\d{6}$/)
      expect(dappCode).toBe(walletCode)
      await screenshot(dapp, 'relay-pairing')
      await drive(wallet)
      await wallet.getByTestId('approve').click()
      await waitForStatus(dapp, 'connected')
      timings.values['relayPairAndConnect'] = Date.now() - pairingStarted
      expect(await textOf(dapp, 'transport')).toBe('relay')
      expect(await textOf(dapp, 'public-key')).toBe(walletPublicKey)
      // The code stays on both sides for the whole session, so the user can still compare them.
      expect(await textOf(dapp, 'verification-code')).toBe(walletCode)
      expect(await textOf(wallet, 'verification-code')).toBe(walletCode)

      // From here on, every request and answer must reach the other side with its first send.
      dappFrames.reset()
      walletFrames.reset()
      await drive(dapp)
      // The page the test acts on renders at full rate (a covered tab gets ~1 frame per second, which made
      // every click wait ~2 s for Playwright's stability check): the timings below measure the SDK.
      expect(await countAnimationFrames(dapp, 250)).toBeGreaterThanOrEqual(5)
      const message = `Hello from the ${demo} demo over the relay`
      await dapp.getByTestId('message-input').fill(message)
      await timings.measure('relaySignMessage', async () => {
        await timings.measure('relayRequestReachesWallet', async () => {
          await dapp.getByTestId('sign-message').click()
          await wallet.getByTestId('message-text').filter({ hasText: message }).waitFor()
        })
        await drive(wallet)
        await timings.measure('relayAnswerReachesDapp', async () => {
          await wallet.getByTestId('approve').click()
          await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
        })
      })

      await drive(dapp)
      await timings.measure('relaySignTransaction', async () => {
        await dapp.getByTestId('sign-transaction').click()
        await waitForAttribute(wallet, 'request', 'data-method', 'signTransaction')
        await drive(wallet)
        await wallet.getByTestId('approve').click()
        await waitForAttribute(dapp, 'transaction-verified', 'data-verified', 'true')
      })
      await drive(dapp)
      await dapp.getByTestId('sign-all-transactions').click()
      await waitForAttribute(wallet, 'request', 'data-method', 'signAllTransactions')
      await drive(wallet)
      await wallet.getByTestId('approve').click()
      await waitForAttribute(dapp, 'signed-all-verified', 'data-verified', 'true')
      expect(await textOf(dapp, 'signed-all-count')).toBe('2')
      await screenshot(dapp, 'relay-connected')

      await drive(dapp)
      await dapp.getByTestId('message-input').fill('Please reject this one')
      await dapp.getByTestId('sign-message').click()
      await wallet.getByTestId('message-text').filter({ hasText: 'Please reject this one' }).waitFor()
      await drive(wallet)
      await wallet.getByTestId('reject').click()
      await waitForAttribute(dapp, 'error', 'data-name', 'UserRejectedRequestError')
      expect(await textOf(dapp, 'error-message')).toBe('The user rejected the request in the wallet.')
      await waitForStatus(dapp, 'connected')
      // Four requests, four answers (and no re-send of any of them) while both sides were connected.
      expect(dappFrames.dataFrames).toBe(4)
      expect(dappFrames.resent()).toEqual({})
      expect(walletFrames.dataFrames).toBe(4)
      expect(walletFrames.resent()).toEqual({})

      // The wallet goes to the background: after its pause threshold (300 ms) the dapp shows `paused`.
      await timings.measure('relayPause', async () => {
        await wallet.getByTestId('background-toggle').click()
        await waitForStatus(dapp, 'paused')
      })
      await dapp.getByTestId('paused-notice').waitFor()
      expect(await textOf(dapp, 'verification-code')).toBe(walletCode)
      const whilePaused = 'Sent while the wallet was away'
      await drive(dapp)
      await dapp.getByTestId('message-input').fill(whilePaused)
      await dapp.getByTestId('sign-message').click()
      await dapp.locator('[data-testid="pending-method"]', { hasText: 'signMessage' }).waitFor()
      // The request waits: nothing reaches the wallet, and the dapp is still waiting a second later.
      await dapp.waitForTimeout(1_000)
      expect(await wallet.getByTestId('message-text').filter({ hasText: whilePaused }).count()).toBe(0)
      expect(await textOf(dapp, 'pending-method')).toBe('signMessage')
      await waitForStatus(dapp, 'paused')
      await screenshot(dapp, 'relay-paused')
      // "Wake up the wallet" opens the wake-up link in a new tab: the dapp page (and its session) stays, and
      // the new wallet page asks the wallet tab holding the session to resume.
      const dappUrlBefore = dapp.url()
      await timings.measure('relayResumeAndAnswer', async () => {
        const [wakePage] = await Promise.all([
          context.waitForEvent('page'),
          dapp.getByTestId('wake-up').click(),
        ])
        await wakePage.waitForURL(`${services.walletUrl}/ul/v1/relay#channel=*`)
        await waitForAttribute(wallet, 'background-toggle', 'data-background', 'false')
        await wakePage.close()
        await wallet.getByTestId('message-text').filter({ hasText: whilePaused }).waitFor()
        await drive(wallet)
        await wallet.getByTestId('approve').click()
        await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
      })
      expect(dapp.url()).toBe(dappUrlBefore)
      expect(await textOf(dapp, 'signed-message-text')).toBe(whilePaused)
      await waitForStatus(dapp, 'connected')
      expect(await textOf(dapp, 'verification-code')).toBe(walletCode)

      await drive(dapp)
      await dapp.getByTestId('disconnect').click()
      await waitForStatus(dapp, 'disconnected')
      expect(await textOf(dapp, 'verification-code')).toBe('—')
      await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
    })

    it('relay: a page reload of the dapp ends the session on both sides', async () => {
      await openDapp()
      await pairByRelay()
      await wallet.getByTestId('approve').click()
      await waitForStatus(dapp, 'connected')
      await waitForAttribute(wallet, 'relay-state', 'data-state', 'connected')
      await drive(dapp)
      await dapp.reload()
      await waitForStatus(dapp, 'disconnected')
      expect(await textOf(dapp, 'transport')).toBe('—')
      expect(await textOf(dapp, 'public-key')).toBe('—')
      expect(await dapp.getByTestId('pairing-qr').count()).toBe(0)
      await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
      expect(pageErrors).toEqual([])
    })
  })
}

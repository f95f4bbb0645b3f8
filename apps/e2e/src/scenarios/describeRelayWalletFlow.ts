import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createPageSwitcher } from '../browser/createPageSwitcher.js'
import { launchChromium } from '../browser/launchChromium.js'
import { dappAddress, walletAddress } from './dappAddress.js'
import { textOf, waitForAttribute, waitForStatus, waitForValue } from './demoPage.js'

const usedLinkMessage =
  'This pairing link was already used, or the dapp ended its session. Ask the dapp for a new QR code.'

/**
 * The relay flow as the wallet's user sees it, in Chromium with one demo dapp (`demo`) and the reference
 * wallet: the QR code, the wallet tab the dapp opens and wakes up, a dapp reload, used and broken links.
 */
export function describeRelayWalletFlow(demo: 'react' | 'vue') {
  describe(`${demo} demo: the relay flow seen from the wallet`, () => {
    const services = inject('services')
    const demoUrl = demo === 'react' ? services.reactUrl : services.vueUrl
    let browser: Browser
    let context: BrowserContext
    let dapp: Page
    let drive: ReturnType<typeof createPageSwitcher>
    const pageErrors: string[] = []

    beforeAll(async () => {
      browser = await launchChromium()
      context = await browser.newContext({ viewport: { width: 1040, height: 900 } })
      context.setDefaultTimeout(20_000)
      context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(error.message)))
      drive = createPageSwitcher(context)
      // The wallet's settings live in its origin's localStorage: a short pause threshold for this context.
      const setup = await context.newPage()
      await setup.goto(walletAddress(services, { pauseAfterMs: '300' }))
      await waitForValue(setup, 'public-key', '')
      await setup.close()
      dapp = await context.newPage()
    })

    afterAll(async () => {
      await browser?.close()
    })

    /** Opens the dapp, starts a relay pairing, and clicks "Open in wallet": the wallet tab the dapp names. */
    async function pairThroughWalletTab(): Promise<{ wallet: Page; walletLink: string }> {
      await drive(dapp)
      await dapp.goto(dappAddress(demoUrl, services))
      await waitForStatus(dapp, 'disconnected')
      await dapp.getByTestId('connect-relay').click()
      await dapp.getByTestId('pairing-qr').waitFor()
      const walletLink = (await dapp.getByTestId('open-in-wallet').getAttribute('href'))!
      const [wallet] = await Promise.all([
        context.waitForEvent('page'),
        dapp.getByTestId('open-in-wallet').click(),
      ])
      await wallet.getByTestId('approve').waitFor()
      return { wallet, walletLink }
    }

    /** `pairThroughWalletTab`, then the wallet approves the connection and the dapp shows it connected. */
    async function pairAndApprove(): Promise<{ wallet: Page; walletLink: string }> {
      const paired = await pairThroughWalletTab()
      await drive(paired.wallet)
      await paired.wallet.getByTestId('approve').click()
      await waitForStatus(dapp, 'connected')
      return paired
    }

    /** Ends a scenario: one signMessage approved and verified (the session still works), then Disconnect. */
    async function signOnceAndDisconnect(wallet: Page): Promise<void> {
      await dapp.getByTestId('sign-message').click()
      await drive(wallet)
      await wallet.getByTestId('approve').click()
      await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')
      await drive(dapp)
      await dapp.getByTestId('disconnect').click()
      await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
      await wallet.close()
    }

    it('draws a version 8 QR code at 5 px per module, and hides it once the wallet has joined', async () => {
      await drive(dapp)
      await dapp.goto(dappAddress(demoUrl, services))
      await waitForStatus(dapp, 'disconnected')
      await dapp.getByTestId('connect-relay').click()
      const qr = dapp.getByTestId('pairing-qr')
      await qr.waitFor()
      expect(await qr.getAttribute('data-qr-version')).toBe('8')
      // Drawn at its natural size, (49 modules + 2 × 4 quiet zone) × 5 px, not squeezed into 200 px as before.
      expect(
        await qr.evaluate((image: HTMLImageElement) => [
          image.naturalWidth,
          image.getBoundingClientRect().width,
        ]),
      ).toEqual([285, 285])
      expect(await dapp.getByTestId('open-in-wallet').getAttribute('target')).toBe('dapplink-wallet')

      const [wallet] = await Promise.all([
        context.waitForEvent('page'),
        dapp.getByTestId('open-in-wallet').click(),
      ])
      // The handshake is done (the wallet revealed its nonce): the dapp shows the code, and the QR code is gone.
      await wallet.getByTestId('approve').waitFor()
      const code = await waitForValue(dapp, 'verification-code')
      expect(await dapp.getByTestId('pairing-qr').count()).toBe(0)
      expect(await textOf(dapp, 'compare-codes')).toBe(
        'Check that the wallet shows the same verification code.',
      )
      await drive(wallet)
      expect(await textOf(wallet, 'verification-code')).toBe(code)
      await wallet.getByTestId('approve').click()
      await waitForStatus(dapp, 'connected')
      expect(await dapp.getByTestId('pairing-qr').count()).toBe(0)
      await drive(dapp)
      await dapp.getByTestId('disconnect').click()
      await waitForStatus(dapp, 'disconnected')
      await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
      await wallet.close()
    })

    it('"Wake up the wallet" brings back the paired wallet tab, without a second tab or a reload', async () => {
      const { wallet } = await pairAndApprove()
      // The paired tab rests at the wake-up path, so a wake-up link changes only its fragment.
      expect(new URL(wallet.url()).pathname).toBe('/ul/v1/relay')
      await wallet.evaluate(() => {
        ;(window as unknown as { loadedOnce: boolean }).loadedOnce = true
      })
      await wallet.getByTestId('background-toggle').click()
      await waitForStatus(dapp, 'paused')

      const pagesBefore = context.pages().length
      await drive(dapp)
      await dapp.getByTestId('wake-up').click()
      await waitForAttribute(wallet, 'background-toggle', 'data-background', 'false')
      await waitForStatus(dapp, 'connected')
      expect(context.pages().length).toBe(pagesBefore)
      expect(await wallet.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(
        true,
      )
      expect(await textOf(wallet, 'status')).toBe(
        'Woken up by the dapp: the session is back in the foreground.',
      )
      expect(await textOf(wallet, 'relay-state')).toBe('connected')

      // The session still works after the wake-up.
      await signOnceAndDisconnect(wallet)
    })

    it('a dapp reload under a shown request: the wallet says the dapp ended the session, with no code', async () => {
      const { wallet, walletLink } = await pairAndApprove()
      await drive(dapp)
      await dapp.getByTestId('sign-message').click()
      await wallet.getByTestId('approve').waitFor()

      await dapp.reload()
      await waitForStatus(dapp, 'disconnected')
      await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
      await drive(wallet)
      expect(await textOf(wallet, 'status')).toBe('The dapp ended the session.')
      expect(await textOf(wallet, 'verification-code')).toBe('')
      expect(await wallet.getByTestId('relay-session').isHidden()).toBe(true)
      expect(await wallet.getByTestId('approve').count()).toBe(0)

      // The same pairing link again, in a fresh wallet page: a prompt, precise message.
      const again = await context.newPage()
      await drive(again)
      const started = Date.now()
      await again.goto(walletLink)
      await again.locator('[data-testid="relay-error"]:not([hidden])').waitFor()
      expect(Date.now() - started).toBeLessThan(8_000)
      expect(await textOf(again, 'relay-error')).toBe(usedLinkMessage)
      expect(await textOf(again, 'relay-state')).toBe('failed')
      await again.close()
      await wallet.close()
    })

    it("the dapp's Cancel closes the wallet's approval dialog; nothing is signed and the session goes on", async () => {
      const { wallet } = await pairAndApprove()
      await drive(dapp)
      await dapp.getByTestId('sign-message').click()
      await wallet.getByTestId('approve').waitFor()
      await dapp.getByTestId('cancel-request').click()

      // The sealed cancel reaches the wallet, which withdraws the dialog instead of waiting for a click.
      await wallet.getByTestId('approve').waitFor({ state: 'detached' })
      expect(await textOf(wallet, 'status')).toBe('The app cancelled its request. Nothing was signed.')
      expect(await textOf(wallet, 'relay-state')).toBe('connected')

      await signOnceAndDisconnect(wallet)
    })

    it('a link opened twice while paired, and a broken link, each get a message instead of silence', async () => {
      const { wallet, walletLink } = await pairAndApprove()

      // The same link in another tab of this browser: the tab holding the session keeps it.
      const second = await context.newPage()
      await drive(second)
      await second.goto(walletLink)
      await second.locator('[data-testid="relay-error"]:not([hidden])').waitFor()
      expect(await textOf(second, 'relay-error')).toBe(
        'This pairing link is already paired in an open wallet tab, which is now in the foreground.',
      )
      expect(await textOf(wallet, 'relay-state')).toBe('connected')
      await waitForStatus(dapp, 'connected')

      // A link whose pairing URI was not percent-encoded (cut at its first "&").
      const pairingUri = decodeURIComponent(walletLink.split('#uri=')[1]!)
      await second.goto(`${services.walletUrl}/ul/v1/pair#uri=${pairingUri}`)
      await second.locator('[data-testid="relay-error"]:not([hidden])').waitFor()
      expect(await textOf(second, 'relay-error')).toBe(
        'The pairing URI in the link is not percent-encoded: its "&" cut it before "relay".',
      )
      // A link without its pairing URI.
      await second.goto(`${services.walletUrl}/ul/v1/pair`)
      await second.locator('[data-testid="relay-error"]:not([hidden])').waitFor()
      expect(await textOf(second, 'relay-error')).toBe(
        'The pairing link carries no pairing URI (its "#uri=" part is missing).',
      )
      await second.close()
      await drive(dapp)
      await dapp.getByTestId('disconnect').click()
      await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
      await wallet.close()
      expect(pageErrors).toEqual([])
    })
  })
}

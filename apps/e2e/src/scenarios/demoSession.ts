import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { launchChromium } from '../browser/launchChromium.js'
import { recordConnectOffered } from '../browser/recordConnectOffered.js'
import { watchRelayFrames } from '../browser/watchRelayFrames.js'
import type { ServiceUrls } from '../services/startServices.js'
import { dappAddress, walletAddress } from './dappAddress.js'
import { waitForStatus } from './demoPage.js'
import { type DappAndWallet, openDappAndWallet } from './openDappAndWallet.js'
import { createTimings } from './timings.js'

// The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1), so a test run does not
// rewrite tracked files; otherwise they go to the git-ignored test-results/ folder.
const screenshotDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  process.env['UPDATE_SCREENSHOTS'] === '1' ? 'screenshots' : 'test-results/screenshots',
)

/** What every scenario of one demo shares: the services, one Chromium context, the dapp and wallet tabs. */
export type DemoSession = DappAndWallet & {
  demo: 'react' | 'vue'
  services: ServiceUrls
  /** The demo's base URL (react or vue). */
  demoUrl: string
  timings: ReturnType<typeof createTimings>
  // The tabs and these frame counters are set in beforeAll: read them inside a test, not at collection.
  dappFrames: ReturnType<typeof watchRelayFrames>
  walletFrames: ReturnType<typeof watchRelayFrames>
  /** Saves a full-page screenshot as `<demo>-<name>.png`. */
  screenshot(page: Page, name: string): Promise<Buffer>
  /** Opens the dapp with the test's service URLs (kept for the tab, so deeplink returns keep them). */
  openDapp(): Promise<void>
}

/**
 * Registers, in the calling `describe`, the hooks that launch Chromium with a dapp tab and a reference
 * wallet tab (pausing after 300 ms in the background) and close it after the last scenario.
 */
export function useDemoSession(demo: 'react' | 'vue'): DemoSession {
  const services = inject('services')
  const demoUrl = demo === 'react' ? services.reactUrl : services.vueUrl
  let browser: Browser | undefined
  const session = {
    demo,
    services,
    demoUrl,
    timings: createTimings(demo),
    screenshot: (page: Page, name: string) =>
      page.screenshot({ path: join(screenshotDir, `${demo}-${name}.png`), fullPage: true }),
    async openDapp() {
      await session.drive(session.dapp)
      await session.dapp.goto(dappAddress(demoUrl, services))
      await waitForStatus(session.dapp, 'disconnected')
    },
  } as Partial<DemoSession> as DemoSession

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true })
    browser = await launchChromium()
    const tabs = await openDappAndWallet(browser, {
      walletAddress: walletAddress(services, { pauseAfterMs: '300' }),
      prepareContext: recordConnectOffered,
    })
    Object.assign(session, tabs, {
      dappFrames: watchRelayFrames(tabs.dapp),
      walletFrames: watchRelayFrames(tabs.wallet),
    })
  })

  afterAll(async () => {
    session.timings.print()
    await browser?.close()
  })

  return session
}

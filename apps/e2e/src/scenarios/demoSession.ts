import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { createPageSwitcher } from '../browser/createPageSwitcher.js'
import { launchChromium } from '../browser/launchChromium.js'
import { recordConnectOffered } from '../browser/recordConnectOffered.js'
import { watchRelayFrames } from '../browser/watchRelayFrames.js'
import type { ServiceUrls } from '../services/startServices.js'
import { waitForStatus, waitForValue } from './demoPage.js'
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
export type DemoSession = {
  demo: 'react' | 'vue'
  services: ServiceUrls
  /** The demo's base URL (react or vue). */
  demoUrl: string
  timings: ReturnType<typeof createTimings>
  /** The pages' uncaught errors, for a scenario to assert there were none. */
  pageErrors: string[]
  // Set in beforeAll: read them inside a test, not while the suite is collected.
  context: BrowserContext
  dapp: Page
  wallet: Page
  drive: ReturnType<typeof createPageSwitcher>
  /** The reference wallet's account (base58), read from its page. */
  walletPublicKey: string
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
  const query = new URLSearchParams({
    walletUrl: services.walletUrl,
    relayUrl: services.relayUrl,
    rpcUrl: services.clusterUrl,
  })
  let browser: Browser | undefined
  const session = {
    demo,
    services,
    demoUrl,
    timings: createTimings(demo),
    pageErrors: [],
    screenshot: (page: Page, name: string) =>
      page.screenshot({ path: join(screenshotDir, `${demo}-${name}.png`), fullPage: true }),
    async openDapp() {
      await session.drive(session.dapp)
      await session.dapp.goto(`${demoUrl}/?${query}`)
      await waitForStatus(session.dapp, 'disconnected')
    },
  } as Partial<DemoSession> as DemoSession

  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true })
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1040, height: 900 } })
    context.setDefaultTimeout(20_000)
    session.context = context
    session.drive = createPageSwitcher(context)
    await recordConnectOffered(context)
    session.dapp = await context.newPage()
    session.wallet = await context.newPage()
    for (const page of [session.dapp, session.wallet])
      page.on('pageerror', (error) => session.pageErrors.push(error.message))
    session.dappFrames = watchRelayFrames(session.dapp)
    session.walletFrames = watchRelayFrames(session.wallet)
    // The wallet keeps its settings in its origin's localStorage, shared by both pages of the context.
    await session.drive(session.wallet)
    await session.wallet.goto(
      `${services.walletUrl}/?rpcUrl=${encodeURIComponent(services.clusterUrl)}&pauseAfterMs=300`,
    )
    session.walletPublicKey = await waitForValue(session.wallet, 'public-key', '')
  })

  afterAll(async () => {
    session.timings.print()
    await browser?.close()
  })

  return session
}

import type { BrowserContext, Page } from 'playwright-core'

/**
 * Brings a page to the front before the test drives it. Headless Chromium keeps `visibilityState` at
 * 'visible' for every page, but a tab covered by a newer one gets about one animation frame per second, and
 * Playwright's actionability checks (stable = two animation frames) then make each click take ~2 s: the
 * timings would measure the harness, not the SDK. A user also looks at the screen they act on.
 */
export function createPageSwitcher(context: BrowserContext) {
  let front: Page | undefined
  // A page the app opens itself (a wake-up link in a new tab) comes to the front by itself.
  context.on('page', (page) => {
    front = page
  })
  return async function drive(page: Page): Promise<Page> {
    if (front !== page) {
      await page.bringToFront()
      front = page
    }
    return page
  }
}

import type { BrowserContext, Page } from 'playwright-core'

/**
 * Records, from the first DOM mutation of each page load of `context`, whether a Connect button was ever
 * shown: a page restoring a session must not flash the buttons of a disconnected one.
 */
export async function recordConnectOffered(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const page = window as { __connectOffered?: boolean }
    page.__connectOffered = false
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="connect-deeplink"], [data-testid="connect-relay"]'))
        page.__connectOffered = true
    }).observe(document, { childList: true, subtree: true })
  })
}

/** Whether any frame of the page's current load offered a Connect button (see `recordConnectOffered`). */
export function connectWasOffered(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as { __connectOffered?: boolean }).__connectOffered === true)
}

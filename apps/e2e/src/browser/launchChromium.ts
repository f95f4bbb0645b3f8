import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export const chromiumPath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium'

/** Fails the run (never skips) when there is no browser to drive. */
export function assertChromiumInstalled(): void {
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium was not found at ${chromiumPath}. The end-to-end tests need it: install it with ` +
        '`apt-get install -y chromium` (.ci/run does), or point CHROMIUM_PATH at a Chromium binary.',
    )
}

/** Headless Chromium; Playwright gives each launch a fresh temporary user-data dir. */
export function launchChromium(): Promise<Browser> {
  assertChromiumInstalled()
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

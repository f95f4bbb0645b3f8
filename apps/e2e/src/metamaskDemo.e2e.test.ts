import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { type SpawnedMwpRelay, spawnMwpRelay } from '../../mwp-relay/src/testing/spawnMwpRelay.js'
import { launchChromium } from './browser/launchChromium.js'
import { describeMetamaskDemo } from './scenarios/describeMetamaskDemo.js'

// Both demos' "MetaMask Mobile" button against the reference wallet, through the local MWP relay stand-in
// (one relay process and one Chromium for the file; each demo gets its own browser context).
let relay: SpawnedMwpRelay
let browser: Browser

beforeAll(async () => {
  ;[relay, browser] = await Promise.all([spawnMwpRelay(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await relay?.stop()
})

for (const demo of ['react', 'vue'] as const)
  describeMetamaskDemo({ demo, browser: () => browser, mwpRelayUrl: () => relay.url })

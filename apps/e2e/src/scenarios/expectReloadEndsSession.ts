import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { createPageSwitcher } from '../browser/createPageSwitcher.js'
import { textOf, waitForStatus } from './demoPage.js'

/** Reloads the demo page and checks it came back disconnected: no transport, no account, no pairing QR. */
export async function expectReloadEndsSession(
  dapp: Page,
  drive: ReturnType<typeof createPageSwitcher>,
): Promise<void> {
  await drive(dapp)
  await dapp.reload()
  await waitForStatus(dapp, 'disconnected')
  expect(await textOf(dapp, 'transport')).toBe('—')
  expect(await textOf(dapp, 'public-key')).toBe('—')
  expect(await dapp.getByTestId('pairing-qr').count()).toBe(0)
}

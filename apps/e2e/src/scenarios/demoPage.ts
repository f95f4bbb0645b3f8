import type { Page } from 'playwright-core'

/** Waits until the element with `testId` has `attribute` equal to `value`. */
export function waitForAttribute(
  page: Page,
  testId: string,
  attribute: string,
  value: string,
  timeout?: number,
) {
  return page
    .locator(`[data-testid="${testId}"][${attribute}="${value}"]`)
    .first()
    .waitFor(timeout === undefined ? undefined : { timeout })
}

/** Waits until the dapp shows `status` (data-status). */
export function waitForStatus(page: Page, status: string, timeout?: number) {
  return waitForAttribute(page, 'status', 'data-status', status, timeout)
}

/** The trimmed text of the element with `testId`. */
export async function textOf(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').trim()
}

/** Waits until the element with `testId` has text other than the placeholder, and returns it. */
export async function waitForValue(page: Page, testId: string, placeholder = '—'): Promise<string> {
  const locator = page.getByTestId(testId).first()
  await locator.waitFor()
  const deadline = Date.now() + 15_000
  for (;;) {
    const text = ((await locator.textContent()) ?? '').trim()
    if (text && text !== placeholder) return text
    if (Date.now() > deadline) throw new Error(`${testId} still shows "${text}" after 15 s`)
    await page.waitForTimeout(50)
  }
}

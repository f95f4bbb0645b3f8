import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createPageSwitcher } from '../browser/createPageSwitcher.js'
import { waitForValue } from './demoPage.js'

export type OpenDappAndWalletParameters = {
  /** The reference wallet's page with its settings in the query (`?rpcUrl=…`), opened in the wallet tab. */
  walletAddress: string
  /** Runs on the new context before its pages open (an init script, say). */
  prepareContext?: ((context: BrowserContext) => Promise<void>) | undefined
}

export type DappAndWallet = {
  context: BrowserContext
  drive: ReturnType<typeof createPageSwitcher>
  /** A blank tab for the dapp. */
  dapp: Page
  /** The reference wallet's tab, at `walletAddress`. */
  wallet: Page
  /** The wallet's account (base58), read from its page. */
  walletPublicKey: string
  /** Uncaught errors of both tabs, for a scenario to assert there were none. */
  pageErrors: string[]
}

/**
 * Opens a browser context with a dapp tab and a reference wallet tab. The wallet keeps its settings in its
 * origin's localStorage, shared by every page of the context, so `walletAddress` sets them for the context.
 */
export async function openDappAndWallet(
  browser: Browser,
  { walletAddress, prepareContext }: OpenDappAndWalletParameters,
): Promise<DappAndWallet> {
  const context = await browser.newContext({ viewport: { width: 1040, height: 900 } })
  context.setDefaultTimeout(20_000)
  const drive = createPageSwitcher(context)
  await prepareContext?.(context)
  const dapp = await context.newPage()
  const wallet = await context.newPage()
  const pageErrors: string[] = []
  for (const page of [dapp, wallet]) page.on('pageerror', (error) => pageErrors.push(error.message))
  await drive(wallet)
  await wallet.goto(walletAddress)
  const walletPublicKey = await waitForValue(wallet, 'public-key', '')
  return { context, drive, dapp, wallet, walletPublicKey, pageErrors }
}

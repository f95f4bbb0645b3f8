import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { spawnMwpRelay } from '../../mwp-relay/src/testing/spawnMwpRelay.js'
import type { createPageSwitcher } from './browser/createPageSwitcher.js'
import { launchChromium } from './browser/launchChromium.js'
import { answerInWallet } from './scenarios/answerInWallet.js'
import { feeLamports, rpc, transferLamports } from './scenarios/clusterRpc.js'
import { dappAddress, walletAddress } from './scenarios/dappAddress.js'
import { waitForAttribute, waitForStatus, waitForValue } from './scenarios/demoPage.js'
import { openDappAndWallet } from './scenarios/openDappAndWallet.js'

/** The names wallet-adapter's modal lists, after a click on its WalletMultiButton. */
async function listedWallets(page: Page): Promise<string[]> {
  await page.locator('.wallet-adapter-button-trigger').click()
  const list = page.locator('.wallet-adapter-modal-list')
  await list.waitFor()
  // Wallets past the first few hide behind "More options".
  const more = page.locator('.wallet-adapter-modal-list-more')
  if ((await more.count()) > 0 && (await more.textContent())?.includes('More')) await more.click()
  return (await list.locator('.wallet-adapter-button').allTextContents()).map((text) =>
    text.replace(/Detected$/, '').trim(),
  )
}

// apps/demo-wallet-adapter: wallet-adapter-react's own button and modal; dapplink's only code there is
// registerDapplinkWallets(). Driven against the reference wallet, the relay and the local cluster.
describe('wallet-adapter demo (registerDapplinkWallets)', () => {
  const services = inject('services')
  const dappUrl = dappAddress(services.walletAdapterUrl, services)
  let browser: Browser
  let dapp: Page
  let wallet: Page
  let walletPublicKey: string
  let drive: ReturnType<typeof createPageSwitcher>
  let pageErrors: string[]

  /** "QR code" in wallet-adapter's modal: our modal opens; the reference wallet opens its link and pairs. */
  async function pairThroughTheModal() {
    await drive(dapp)
    expect(await listedWallets(dapp)).toContain('QR code')
    await dapp.locator('.wallet-adapter-modal-list .wallet-adapter-button', { hasText: 'QR code' }).click()
    const modal = dapp.getByTestId('dapplink-pairing-modal')
    await modal.waitFor()
    expect(await modal.getAttribute('role')).toBe('dialog')
    expect(await modal.getAttribute('aria-modal')).toBe('true')
    await dapp.getByTestId('dapplink-pairing-qr').waitFor()
    const walletLink = await dapp.getByTestId('dapplink-open-in-wallet').getAttribute('href')
    expect(walletLink).toMatch(new RegExp(`^${services.walletUrl}/ul/v1/pair#uri=`))
    await drive(wallet)
    await wallet.goto(walletLink!)
    await wallet.getByTestId('approve').waitFor()
    const walletCode = await waitForValue(wallet, 'verification-code', '')
    const dappCode = await dapp.getByTestId('dapplink-verification-code').getAttribute('data-code')
    expect(walletCode).toMatch(/^\d{6}$/)
    expect(dappCode).toBe(walletCode)
    await wallet.getByTestId('approve').click()
    await drive(dapp)
    await waitForStatus(dapp, 'connected')
    // Connected: the modal is gone.
    await modal.waitFor({ state: 'detached' })
  }

  beforeAll(async () => {
    browser = await launchChromium()
    ;({ drive, dapp, wallet, walletPublicKey, pageErrors } = await openDappAndWallet(browser, {
      walletAddress: walletAddress(services),
    }))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('pairs by QR code, signs a message, sends a transfer on the local cluster, disconnects', async () => {
    await drive(dapp)
    await dapp.goto(dappUrl)
    await waitForStatus(dapp, 'disconnected')
    await pairThroughTheModal()
    expect(await dapp.getByTestId('wallet-name').textContent()).toBe('QR code')
    expect(await dapp.getByTestId('public-key').textContent()).toBe(walletPublicKey)

    await dapp.getByTestId('airdrop').click()
    await waitForAttribute(dapp, 'balance', 'data-lamports', '1000000000')

    // useWallet().signMessage: the reference wallet approves, the dapp verifies the ed25519 signature.
    await answerInWallet({ dapp, wallet, drive }, 'sign-message', 'signMessage')
    await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')

    // A refusal reaches the dapp as wallet-adapter's error around a 4001 UserRejectedRequestError.
    await answerInWallet({ dapp, wallet, drive }, 'sign-message', 'signMessage', 'reject')
    await waitForAttribute(dapp, 'error', 'data-code', '4001')
    expect(await dapp.getByTestId('error').getAttribute('data-name')).toBe('WalletSignMessageError')
    expect(await dapp.getByTestId('error').getAttribute('data-inner-name')).toBe('UserRejectedRequestError')

    // useWallet().sendTransaction(tx, connection): solana:signAndSendTransaction through the relay.
    await answerInWallet({ dapp, wallet, drive }, 'send-transfer', 'signAndSendTransaction')
    await drive(dapp)
    await dapp.getByTestId('transfer').waitFor({ timeout: 45_000 })
    const recipient = (await dapp.getByTestId('transfer').getAttribute('data-recipient'))!
    const received = await rpc<{ value: number }>(services.clusterUrl, 'getBalance', [recipient])
    expect(received.value).toBe(transferLamports)
    await waitForAttribute(
      dapp,
      'balance',
      'data-lamports',
      String(1_000_000_000 - transferLamports - feeLamports),
    )

    await dapp.getByTestId('disconnect').click()
    await waitForStatus(dapp, 'disconnected')
    expect(await dapp.getByTestId('public-key').textContent()).toBe('—')
    await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
  })

  it('a reload ends the relay session on both sides; the button shows disconnected', async () => {
    await drive(dapp)
    await dapp.goto(dappUrl)
    await pairThroughTheModal()
    await waitForAttribute(wallet, 'relay-state', 'data-state', 'connected')
    await drive(dapp)
    await dapp.reload()
    // wallet-adapter's autoConnect asks for a silent connect: a relay session never survives a page load.
    await waitForStatus(dapp, 'disconnected')
    await dapp.waitForTimeout(500)
    expect(await dapp.getByTestId('status').getAttribute('data-status')).toBe('disconnected')
    expect(await dapp.locator('.wallet-adapter-button-trigger').textContent()).not.toContain(
      walletPublicKey.slice(0, 4),
    )
    expect(await dapp.getByTestId('dapplink-pairing-modal').count()).toBe(0)
    expect(await dapp.getByTestId('error').count()).toBe(0)
    await waitForAttribute(wallet, 'relay-state', 'data-state', 'cleared')
    expect(pageErrors).toEqual([])
  })

  it('on a phone: the deeplink wallets are listed; the reference wallet connects by deeplink (autoConnect), a signature arrives after the return', async () => {
    const phone = await browser.newContext({
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      viewport: { width: 390, height: 844 },
    })
    phone.setDefaultTimeout(20_000)
    try {
      const tab = await phone.newPage()
      tab.on('pageerror', (error) => pageErrors.push(error.message))
      // The phone's wallet app: its key lives in its origin's storage, shared by the context's pages.
      await tab.goto(`${services.walletUrl}/?rpcUrl=${encodeURIComponent(services.clusterUrl)}`)
      const phoneWalletKey = await waitForValue(tab, 'public-key', '')
      await tab.goto(dappUrl)
      const names = await listedWallets(tab)
      for (const name of [
        'QR code',
        'Phantom (deeplink)',
        'Solflare (deeplink)',
        'Backpack (deeplink)',
        'Reference wallet (deeplink)',
      ])
        expect(names).toContain(name)

      // Picking the wallet opens its deeplink: the tab leaves the dapp for the wallet.
      await tab
        .locator('.wallet-adapter-modal-list .wallet-adapter-button', {
          hasText: 'Reference wallet (deeplink)',
        })
        .click()
      await tab.waitForURL(`${services.walletUrl}/ul/v1/connect**`)
      await tab.getByTestId('approve').click()
      // The wallet sends the tab back; wallet-adapter's autoConnect (a silent standard:connect) reads the answer.
      await tab.waitForURL(`${services.walletAdapterUrl}/**`)
      await waitForStatus(tab, 'connected')
      expect(await tab.getByTestId('wallet-name').textContent()).toBe('Reference wallet (deeplink)')
      expect(await tab.getByTestId('public-key').textContent()).toBe(phoneWalletKey)

      // useWallet().signMessage by deeplink: the tab leaves for the wallet, so its promise never settles; the
      // signature arrives after the return through watchDeeplinkAnswers, and the dapp verifies it.
      await tab.getByTestId('sign-message').click()
      await tab.waitForURL(`${services.walletUrl}/ul/v1/signMessage**`)
      await tab.getByTestId('approve').click()
      await tab.waitForURL(`${services.walletAdapterUrl}/**`)
      await waitForAttribute(tab, 'message-verified', 'data-verified', 'true')
      await waitForStatus(tab, 'connected')

      // A later page load restores the stored session through the same silent connect.
      await tab.goto(dappUrl)
      await waitForStatus(tab, 'connected')
      expect(await tab.getByTestId('public-key').textContent()).toBe(phoneWalletKey)
      expect(await tab.getByTestId('error').count()).toBe(0)
    } finally {
      await phone.close()
    }
  })

  it('"MetaMask Mobile (QR)": the reference wallet answers its link as MetaMask Mobile would; a signed message verifies', async () => {
    const mwpRelay = await spawnMwpRelay()
    try {
      await drive(dapp)
      await dapp.goto(`${dappUrl}&mwpRelayUrl=${encodeURIComponent(mwpRelay.url)}`)
      await waitForStatus(dapp, 'disconnected')
      expect(await listedWallets(dapp)).toContain('MetaMask Mobile (QR)')
      await dapp
        .locator('.wallet-adapter-modal-list .wallet-adapter-button', { hasText: 'MetaMask Mobile (QR)' })
        .click()
      const modal = dapp.getByTestId('dapplink-pairing-modal')
      await modal.waitFor()
      await dapp.getByTestId('dapplink-pairing-qr').waitFor()
      // "Open in wallet" is MetaMask's universal link; the reference wallet takes it at /ul/v1/mwp#link=.
      const walletLink = (await dapp.getByTestId('dapplink-open-in-wallet').getAttribute('href'))!
      expect(walletLink).toMatch(/^https:\/\/metamask\.app\.link\/connect\/mwp\?p=/)
      await drive(wallet)
      await wallet.goto(
        `${services.walletUrl}/ul/v1/mwp?mwpRelayUrl=${encodeURIComponent(mwpRelay.url)}#link=${encodeURIComponent(walletLink)}`,
      )
      await waitForAttribute(wallet, 'mwp-state', 'data-state', 'connected')
      await wallet.getByTestId('approve').click()
      const mwpPublicKey = ((await wallet.getByTestId('public-key').textContent()) ?? '').trim()
      await drive(dapp)
      await waitForStatus(dapp, 'connected')
      await modal.waitFor({ state: 'detached' })
      expect(await dapp.getByTestId('wallet-name').textContent()).toBe('MetaMask Mobile (QR)')
      expect(await dapp.getByTestId('public-key').textContent()).toBe(mwpPublicKey)

      await dapp.getByTestId('sign-message').click()
      await waitForAttribute(wallet, 'request', 'data-method', 'signMessage')
      await drive(wallet)
      await wallet.getByTestId('approve').click()
      await drive(dapp)
      await waitForAttribute(dapp, 'message-verified', 'data-verified', 'true')

      await dapp.getByTestId('disconnect').click()
      await waitForStatus(dapp, 'disconnected')
    } finally {
      await mwpRelay.stop()
    }
  })
})

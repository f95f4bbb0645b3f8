import { afterEach, describe, expect, it } from 'vitest'
import { pairingModalPage } from '../test/pairingModalPage.js'
import { openPairingModal } from './openPairingModal.js'

const view = {
  pairingUri: 'dapplink:pair?v=1&c=abc',
  verificationCode: null,
  walletLink: 'https://wallet.test/ul/v1/pair#uri=abc',
}
const press = (key: string, shiftKey = false) =>
  document.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, cancelable: true }))

afterEach(() => {
  // Closing gives the focus back to the body, as a dapp's page would see it.
  document.querySelector('dapplink-pairing-modal')?.shadowRoot?.querySelector('button')?.click()
  document.body.innerHTML = ''
})

describe('openPairingModal', () => {
  it('is a labelled, described modal dialog with a decodable QR code and the wallet link', () => {
    openPairingModal({ walletName: 'QR code', view })
    const page = pairingModalPage()
    expect(page.dialog?.getAttribute('role')).toBe('dialog')
    expect(page.dialog?.getAttribute('aria-modal')).toBe('true')
    expect(page.dialog?.getAttribute('aria-labelledby')).toBe('dapplink-title')
    expect(page.dialog?.getAttribute('aria-describedby')).toBe('dapplink-hint')
    expect(page.title).toBe('Connect with QR code')
    expect(page.decodeQr()).toBe(view.pairingUri)
    expect(page.openInWallet?.getAttribute('href')).toBe(view.walletLink)
    expect(page.verificationCode).toBeNull()
  })

  it('shows the verification code when it arrives, in a polite live region', () => {
    const modal = openPairingModal({ walletName: 'QR code', view })
    modal.update({ ...view, verificationCode: '123456' })
    const code = pairingModalPage().dialog?.querySelector('[data-testid="dapplink-verification-code"]')
    expect(code?.getAttribute('aria-live')).toBe('polite')
    expect(code?.textContent).toBe('Code 123456')
    expect(pairingModalPage().verificationCode).toBe('123456')
  })

  it('keeps the focus inside: Tab and Shift+Tab cycle through its controls', () => {
    openPairingModal({ walletName: 'QR code', view })
    const page = pairingModalPage()
    expect(page.activeElement()).toBe(page.cancel)
    press('Tab')
    expect(page.activeElement()).toBe(page.openInWallet)
    press('Tab')
    expect(page.activeElement()).toBe(page.cancel)
    press('Tab', true)
    expect(page.activeElement()).toBe(page.openInWallet)
  })

  it('Escape, Cancel and a backdrop click dismiss it; close() alone does not count as a dismissal', async () => {
    for (const dismiss of [
      () => press('Escape'),
      () => pairingModalPage().cancel?.click(),
      () => pairingModalPage().dialog?.parentElement?.click(),
    ]) {
      const modal = openPairingModal({ walletName: 'QR code', view })
      dismiss()
      await expect(modal.dismissed).resolves.toBeUndefined()
      expect(pairingModalPage().open).toBe(false)
    }
    const modal = openPairingModal({ walletName: 'QR code', view })
    let dismissed = false
    void modal.dismissed.then(() => {
      dismissed = true
    })
    modal.close()
    await Promise.resolve()
    expect(dismissed).toBe(false)
    expect(pairingModalPage().open).toBe(false)
    // Escape after close reaches nobody.
    press('Escape')
    await Promise.resolve()
    expect(dismissed).toBe(false)
  })

  it('styles light and dark inside its shadow root only', () => {
    openPairingModal({ walletName: 'QR code', view })
    const root = document.querySelector('dapplink-pairing-modal')!.shadowRoot!
    const css = root.querySelector('style')!.textContent!
    expect(css).toContain('@media (prefers-color-scheme:dark)')
    expect(document.head.querySelector('style')).toBeNull()
  })
})

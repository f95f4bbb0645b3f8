// Loaded with import() when the user picks the QR wallet: the dapp's own UI asked for no QR code, so this
// small dialog shows the pairing URI, the verification code and the "open in wallet" link.

import { modalStyles } from './modalStyles.js'
import { qrCodePath } from './qrCodePath.js'

/** What the dialog shows; fields arrive as the relay pairing goes on. */
export type PairingModalView = {
  pairingUri: string | null
  verificationCode: string | null
  walletLink: string | null
}

export type OpenPairingModalParameters = {
  /** Named in the dialog's title. */
  walletName: string
  view: PairingModalView
  /** The line under the title (default: scan, then compare the verification codes). */
  hint?: string | undefined
  /** Default: the global `document`. */
  document?: Document | undefined
}

/** An open pairing dialog. */
export type PairingModal = {
  /** Shows a newer view (the verification code once the handshake made it). */
  update(view: PairingModalView): void
  /** Removes the dialog and gives the focus back (no-op once closed). */
  close(): void
  /** Resolves when the user closed the dialog (Escape, the Cancel button, a click on the backdrop). */
  readonly dismissed: Promise<void>
}

const svgNamespace = 'http://www.w3.org/2000/svg'

/**
 * Opens an accessible pairing dialog in a shadow root: `role="dialog"`, `aria-modal`, labelled by its
 * title and described by its hint; the focus stays inside (Tab cycles), Escape closes it.
 */
export function openPairingModal(parameters: OpenPairingModalParameters): PairingModal {
  const doc = parameters.document ?? document
  const previousFocus = doc.activeElement as HTMLElement | null
  const host = doc.createElement('dapplink-pairing-modal')
  const root = host.attachShadow({ mode: 'open' })
  const element = <tag extends keyof HTMLElementTagNameMap>(tag: tag, attributes: Record<string, string>) => {
    const created = doc.createElement(tag)
    for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value)
    return created
  }

  const style = element('style', {})
  style.textContent = modalStyles
  const backdrop = element('div', { class: 'backdrop' })
  const dialog = element('div', {
    class: 'dialog',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'dapplink-title',
    'aria-describedby': 'dapplink-hint',
    'data-testid': 'dapplink-pairing-modal',
  })
  const title = element('h2', { id: 'dapplink-title' })
  title.textContent = `Connect with ${parameters.walletName}`
  const hint = element('p', { id: 'dapplink-hint' })
  hint.textContent =
    parameters.hint ?? 'Scan the QR code with your wallet app, then check that both show the same code.'
  const qr = doc.createElementNS(svgNamespace, 'svg')
  qr.setAttribute('class', 'qr')
  qr.setAttribute('role', 'img')
  qr.setAttribute('aria-label', 'QR code of the pairing')
  qr.setAttribute('data-testid', 'dapplink-pairing-qr')
  const qrPath = doc.createElementNS(svgNamespace, 'path')
  qrPath.setAttribute('fill', '#000')
  qr.append(qrPath)
  const code = element('p', {
    class: 'code',
    'aria-live': 'polite',
    'data-testid': 'dapplink-verification-code',
  })
  const actions = element('div', { class: 'actions' })
  const walletLink = element('a', { 'data-testid': 'dapplink-open-in-wallet', rel: 'noopener' })
  walletLink.textContent = 'Open in wallet'
  const cancel = element('button', { type: 'button', 'data-testid': 'dapplink-pairing-cancel' })
  cancel.textContent = 'Cancel'
  actions.append(walletLink, cancel)
  dialog.append(title, hint, qr, code, actions)
  backdrop.append(dialog)
  root.append(style, backdrop)

  let renderedUri: string | null = null
  function update(view: PairingModalView) {
    if (view.pairingUri !== renderedUri) {
      renderedUri = view.pairingUri
      const { size, path } = view.pairingUri ? qrCodePath(view.pairingUri) : { size: 1, path: '' }
      qr.setAttribute('viewBox', `0 0 ${size} ${size}`)
      qrPath.setAttribute('d', path)
    }
    qr.toggleAttribute('hidden', !view.pairingUri)
    code.textContent = view.verificationCode ? `Code ${view.verificationCode}` : ''
    if (view.verificationCode) code.setAttribute('data-code', view.verificationCode)
    else code.removeAttribute('data-code')
    walletLink.toggleAttribute('hidden', !view.walletLink)
    if (view.walletLink) walletLink.setAttribute('href', view.walletLink)
    else walletLink.removeAttribute('href')
  }

  let dismiss!: () => void
  const dismissed = new Promise<void>((resolve) => {
    dismiss = resolve
  })
  let open = true
  function close() {
    if (!open) return
    open = false
    doc.removeEventListener('keydown', onKeydown, true)
    host.remove()
    previousFocus?.focus?.()
  }
  function userClose() {
    close()
    dismiss()
  }

  function focusables(): HTMLElement[] {
    return [walletLink, cancel].filter((candidate) => !candidate.hasAttribute('hidden'))
  }
  function onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault()
      userClose()
      return
    }
    if (event.key !== 'Tab') return
    // The focus trap: Tab and Shift+Tab cycle through the dialog's own controls.
    const controls = focusables()
    const index = controls.indexOf(root.activeElement as HTMLElement)
    const next = event.shiftKey ? index - 1 : index + 1
    event.preventDefault()
    controls[(next + controls.length) % controls.length]?.focus()
  }

  cancel.addEventListener('click', userClose)
  backdrop.addEventListener('click', (event) => {
    if (event.target === backdrop) userClose()
  })
  doc.addEventListener('keydown', onKeydown, true)
  update(parameters.view)
  doc.body.append(host)
  cancel.focus()
  return { update, close, dismissed }
}

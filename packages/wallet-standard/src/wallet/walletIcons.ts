import type { WalletIcon } from '@wallet-standard/base'

// Our own drawings, not the wallets' trademarks: a deeplink wallet's icon is its initial on its colour.
function svgIcon(svg: string): WalletIcon {
  return `data:image/svg+xml;base64,${btoa(svg)}`
}

/** The QR code wallet's icon: three finder squares. */
export function qrCodeIcon(): WalletIcon {
  return svgIcon(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#4f46e5"/><path fill="none" stroke="#fff" stroke-width="2.5" d="M7 7h6v6H7zM19 7h6v6h-6zM7 19h6v6H7z"/><path fill="#fff" d="M19 19h3v3h-3zM22 22h3v3h-3z"/></svg>',
  )
}

/** A deeplink wallet's icon: its initial on `color`. */
export function initialIcon(name: string, color: string): WalletIcon {
  const initial = (name.trim()[0] ?? '?').toUpperCase().replace(/[^A-Z0-9]/, '?')
  return svgIcon(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${color.replace(/[^#0-9a-zA-Z]/g, '')}"/><text x="16" y="22" font-family="system-ui,sans-serif" font-size="17" font-weight="700" fill="#fff" text-anchor="middle">${initial}</text></svg>`,
  )
}

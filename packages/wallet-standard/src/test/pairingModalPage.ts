import jsQR from 'jsqr'

/** The open pairing modal in the test's document, read like a user would: its QR code decoded from pixels. */
export function pairingModalPage() {
  const root = document.querySelector('dapplink-pairing-modal')?.shadowRoot ?? null
  const find = (testId: string) => root?.querySelector<HTMLElement>(`[data-testid="${testId}"]`) ?? null
  return {
    open: root !== null,
    dialog: find('dapplink-pairing-modal'),
    verificationCode: find('dapplink-verification-code')?.getAttribute('data-code') ?? null,
    openInWallet: find('dapplink-open-in-wallet'),
    cancel: find('dapplink-pairing-cancel'),
    title: root?.getElementById('dapplink-title')?.textContent ?? null,
    /** The focused element inside the dialog. */
    activeElement: () => root?.activeElement ?? null,
    /** Rasterizes the SVG path (4 px per module) and decodes it with jsQR, an independent decoder. */
    decodeQr(): string | null {
      const svg = find('dapplink-pairing-qr')
      if (!svg || svg.hasAttribute('hidden')) return null
      const path = svg?.querySelector('path')?.getAttribute('d') ?? ''
      const size = Number(svg?.getAttribute('viewBox')?.split(' ')[2])
      return decodeQrPath(path, size)
    },
  }
}

/** Decodes a QR code drawn as `M{x} {y}h1v1h-1z` squares on a `size`-module grid. */
export function decodeQrPath(path: string, size: number, scale = 4): string | null {
  const width = size * scale
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255)
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)/g)) {
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const offset = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4
        pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0
      }
  }
  return jsQR(pixels, width, width)?.data ?? null
}

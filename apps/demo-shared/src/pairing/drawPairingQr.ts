import QRCode from 'qrcode'

/**
 * How the demos draw the pairing QR code so that a phone reads it off a laptop screen at a glance:
 * - error correction L: a screen is not a torn sticker, and each level up costs about one QR version;
 * - a 4-module quiet zone (the QR standard's; 1 made cameras hunt for the edge on dark pages);
 * - whole pixels per module, drawn at its natural size (scaling 63 modules into 200 px blurred them).
 */
export const pairingQrOptions = { errorCorrectionLevel: 'L', margin: 4, scale: 5 } as const

/** A drawn pairing QR code. */
export type PairingQrImage = {
  /** A PNG data URL, drawn in the page: the pairing URI holds the pairing secret and never leaves it. */
  dataUrl: string
  /** The QR version (1-40): the grid is 17 + 4 × version modules wide. */
  version: number
  /** The image's width and height in CSS pixels, quiet zone included. */
  sizePx: number
}

/**
 * Draws a pairing URI as a QR code with `pairingQrOptions`.
 *
 * @example
 * const { dataUrl, sizePx } = await drawPairingQr(session.pairingUri)
 * img.src = dataUrl; img.width = img.height = sizePx
 */
export async function drawPairingQr(pairingUri: string): Promise<PairingQrImage> {
  const { errorCorrectionLevel, margin, scale } = pairingQrOptions
  const qr = QRCode.create(pairingUri, { errorCorrectionLevel })
  const dataUrl = await QRCode.toDataURL(pairingUri, { errorCorrectionLevel, margin, scale })
  return { dataUrl, version: qr.version, sizePx: (qr.modules.size + 2 * margin) * scale }
}

/**
 * Whether the demo shows the pairing QR code: while it waits for a wallet. Once the wallet has joined and
 * sent HELLO the dapp has a verification code, and a QR code left on screen would only invite a second scan
 * of a used link.
 */
export function showsPairingQr(state: {
  pairingUri: string | null
  verificationCode: string | null | undefined
  status: string
}): boolean {
  return state.pairingUri !== null && !state.verificationCode && state.status === 'connecting'
}

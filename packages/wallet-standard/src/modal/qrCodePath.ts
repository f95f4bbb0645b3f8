import { encode } from 'uqr'

/** A QR code as one SVG path: `size` modules square (quiet zone included), a 1×1 square per dark module. */
export type QrCodePath = { size: number; path: string }

/**
 * Encodes `text` (the pairing URI) as a QR code with error correction M and the standard quiet zone of 4
 * modules. One path keeps the DOM small for the 50-70 modules a pairing URI needs.
 */
export function qrCodePath(text: string): QrCodePath {
  const { size, data } = encode(text, { ecc: 'M', border: 4 })
  let path = ''
  for (let y = 0; y < size; y++) {
    const row = data[y]!
    for (let x = 0; x < size; x++) if (row[x]) path += `M${x} ${y}h1v1h-1z`
  }
  return { size, path }
}

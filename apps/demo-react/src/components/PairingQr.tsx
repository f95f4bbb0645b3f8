'use client'
import { drawPairingQr, type PairingQrImage } from '@dapplink-app/demo-shared'
import { useEffect, useState } from 'react'

/** The pairing URI as a QR code image (drawn in the page: the URI holds the pairing secret). */
export function PairingQr({ value }: { value: string }) {
  const [image, setImage] = useState<PairingQrImage | null>(null)
  useEffect(() => {
    let current = true
    drawPairingQr(value).then(
      (drawn) => current && setImage(drawn),
      () => current && setImage(null),
    )
    return () => {
      current = false
    }
  }, [value])
  return image ? (
    <img
      data-testid="pairing-qr"
      data-qr-version={image.version}
      src={image.dataUrl}
      width={image.sizePx}
      height={image.sizePx}
      alt="QR code: scan it with the wallet to pair"
    />
  ) : (
    <span className="muted">Drawing the QR code…</span>
  )
}

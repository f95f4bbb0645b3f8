'use client'
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

/** The pairing URI as a QR code image (rendered locally: the URI holds the pairing secret). */
export function PairingQr({ value }: { value: string }) {
  const [dataUrl, setDataUrl] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    QRCode.toDataURL(value, { margin: 1, width: 400, errorCorrectionLevel: 'M' }).then(
      (url) => current && setDataUrl(url),
      () => current && setDataUrl(null),
    )
    return () => {
      current = false
    }
  }, [value])
  return dataUrl ? (
    <img data-testid="pairing-qr" src={dataUrl} alt="QR code: scan it with the wallet to pair" />
  ) : (
    <span className="muted">Drawing the QR code…</span>
  )
}

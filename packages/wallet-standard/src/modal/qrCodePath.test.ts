import { describe, expect, it } from 'vitest'
import { decodeQrPath } from '../test/pairingModalPage.js'
import { qrCodePath } from './qrCodePath.js'

describe('qrCodePath', () => {
  it('draws codes that an independent decoder (jsQR) reads back, from short text to a long pairing URI', () => {
    const pairingUri = `dapplink:pair?v=1&c=${'A'.repeat(43)}&k=${'B'.repeat(87)}&r=${encodeURIComponent('wss://relay.example.com:443/socket')}`
    for (const text of ['hello', pairingUri, `${pairingUri}&n=${'x'.repeat(200)}`]) {
      const { size, path } = qrCodePath(text)
      expect(decodeQrPath(path, size)).toBe(text)
    }
  })

  it('keeps the standard quiet zone of 4 modules on every side', () => {
    const { size, path } = qrCodePath('quiet zone')
    const coordinates = [...path.matchAll(/M(\d+) (\d+)/g)].flatMap(([, x, y]) => [Number(x), Number(y)])
    expect(Math.min(...coordinates)).toBe(4)
    expect(Math.max(...coordinates)).toBe(size - 5)
  })
})

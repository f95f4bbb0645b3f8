import { createRelaySession } from '@dapplink/core/relay'
import QRCode from 'qrcode'
import { afterEach, describe, expect, it } from 'vitest'
import { drawPairingQr, pairingQrOptions, showsPairingQr } from './drawPairingQr.js'

// The demo's own session options (apps/demo-shared/src/demo/createDemoConfig.ts): local relay, no app hints.
const sessions: { disconnect(): Promise<void> }[] = []
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.disconnect()
})
function demoPairingUri(appInPairingUri: boolean): string {
  const session = createRelaySession({
    relayUrl: 'ws://127.0.0.1:8787',
    app: { name: 'dapplink React demo', url: 'http://localhost:5173' },
    appInPairingUri,
    // Never connects: the test reads the URI only.
    transport: () => ({
      connected: false,
      open() {},
      close() {},
      call: () => Promise.reject(new Error('offline')),
      subscribe: () => () => {},
    }),
  })
  sessions.push(session)
  return session.pairingUri
}

describe('drawPairingQr', () => {
  it('draws the demo pairing URI as a version 8 code of 285 px, down from version 11 in 200 px', async () => {
    const before = QRCode.create(demoPairingUri(true), { errorCorrectionLevel: 'M' })
    expect(before.version).toBe(11)

    const image = await drawPairingQr(demoPairingUri(false))
    expect(image.version).toBe(8)
    expect(image.sizePx).toBe((17 + 4 * 8 + 2 * pairingQrOptions.margin) * pairingQrOptions.scale)
    expect(image.sizePx).toBe(285)
    expect(image.dataUrl).toMatch(/^data:image\/png;base64,/)
    // 5 px per module, against 200 / (61 + 2) ≈ 3.2 px before.
    expect(pairingQrOptions.scale).toBeGreaterThan(200 / (17 + 4 * 11 + 2))
  })
})

describe('showsPairingQr', () => {
  it.each([
    [{ pairingUri: 'dapplink:pair?…', verificationCode: null, status: 'connecting' }, true],
    [{ pairingUri: 'dapplink:pair?…', verificationCode: '123456', status: 'connecting' }, false],
    [{ pairingUri: 'dapplink:pair?…', verificationCode: '123456', status: 'connected' }, false],
    [{ pairingUri: 'dapplink:pair?…', verificationCode: null, status: 'disconnected' }, false],
    [{ pairingUri: null, verificationCode: null, status: 'connecting' }, false],
  ])('%o → %s', (state, shown) => {
    expect(showsPairingQr(state)).toBe(shown)
  })
})

import { describe, expect, it } from 'vitest'
import { defaultMwpRelayUrl, readMwpRelayUrl } from './metamaskPanel.js'

describe('readMwpRelayUrl', () => {
  it('takes ?mwpRelayUrl=, then the build default, then the local stand-in; only ws(s) URLs', () => {
    const page = 'http://localhost:5175/'
    expect(
      readMwpRelayUrl(`${page}?mwpRelayUrl=${encodeURIComponent('ws://127.0.0.1:9/connection/websocket')}`),
    ).toBe('ws://127.0.0.1:9/connection/websocket')
    expect(readMwpRelayUrl(page, 'wss://relay.example/connection/websocket')).toBe(
      'wss://relay.example/connection/websocket',
    )
    expect(readMwpRelayUrl(`${page}?mwpRelayUrl=http://evil.example`, 'nonsense')).toBe(defaultMwpRelayUrl)
  })
})

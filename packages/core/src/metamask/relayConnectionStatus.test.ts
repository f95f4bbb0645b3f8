import { describe, expect, it } from 'vitest'
import { statusAfterRelayChange } from './relayConnectionStatus.js'

describe('statusAfterRelayChange', () => {
  it.each([
    ['connected', true, 'connecting', 'reconnecting'],
    ['paused', true, 'connecting', 'reconnecting'],
    ['reconnecting', true, 'connecting', 'reconnecting'],
    ['reconnecting', true, 'connected', 'connected'],
    ['paused', true, 'connected', undefined],
    ['connected', true, 'disconnected', undefined],
    ['pairing', true, 'connecting', undefined],
    ['connected', false, 'connecting', undefined],
  ] as const)('%s, handshake open %s, relay %s: %s', (status, handshakeOpen, relayState, next) => {
    expect(statusAfterRelayChange(status, handshakeOpen, relayState)).toBe(next)
  })
})

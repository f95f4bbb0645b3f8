import { describe, expect, it } from 'vitest'
import { clientAddressOf } from './clientAddress.js'

const behind = (forwardedFor: string | string[] | undefined, trustedProxyHops = 1) =>
  clientAddressOf({ remoteAddress: '10.0.0.2', forwardedFor, trustProxy: true, trustedProxyHops })

describe('clientAddressOf', () => {
  it('takes the entry the configured number of hops from the right', () => {
    expect(behind('198.51.100.1, 203.0.113.7')).toBe('203.0.113.7')
    expect(behind('198.51.100.1, 203.0.113.7, 10.1.1.1', 2)).toBe('203.0.113.7')
    expect(behind(['198.51.100.1', '203.0.113.7'])).toBe('203.0.113.7')
  })

  it('ignores what the client wrote on the left: a rotating spoof maps to one address', () => {
    const addresses = new Set(Array.from({ length: 50 }, (_, i) => behind(`10.9.0.${i}, 203.0.113.7`)))
    expect([...addresses]).toEqual(['203.0.113.7'])
  })

  it('falls back to the leftmost entry when there are fewer entries than hops', () => {
    expect(behind('203.0.113.7', 2)).toBe('203.0.113.7')
  })

  it('uses the TCP peer without TRUST_PROXY, without the header, or with an empty one', () => {
    expect(
      clientAddressOf({
        remoteAddress: '10.0.0.2',
        forwardedFor: '1.2.3.4',
        trustProxy: false,
        trustedProxyHops: 1,
      }),
    ).toBe('10.0.0.2')
    expect(behind(undefined)).toBe('10.0.0.2')
    expect(behind(' , ')).toBe('10.0.0.2')
  })
})

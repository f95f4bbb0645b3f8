import { describe, expect, it } from 'vitest'
import { referenceWalletMwpLink } from './referenceWalletMwpLink.js'

describe('referenceWalletMwpLink', () => {
  it('puts the relay in the query and the MetaMask link, encoded, in the fragment', () => {
    const pairingUri = 'metamask://connect/mwp?p=eJwrSS0u0c3NLy1JBQAb%2Bw%3D%3D&c=1'
    const link = referenceWalletMwpLink({
      walletUrl: 'http://localhost:5175',
      mwpRelayUrl: 'ws://127.0.0.1:8790/connection/websocket',
      pairingUri,
    })
    const url = new URL(link)
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:5175/ul/v1/mwp')
    expect(url.searchParams.get('mwpRelayUrl')).toBe('ws://127.0.0.1:8790/connection/websocket')
    // The wallet reads `#link=` with decodeURIComponent: the link must come back byte for byte.
    expect(url.hash.startsWith('#link=')).toBe(true)
    expect(decodeURIComponent(url.hash.slice('#link='.length))).toBe(pairingUri)
  })
})

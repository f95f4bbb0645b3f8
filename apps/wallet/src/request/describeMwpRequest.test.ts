import { describe, expect, it } from 'vitest'
import { describeMwpRequest } from './describeMwpRequest.js'

const dapp = { name: 'Dapp', url: 'https://dapp.example' }

describe('describeMwpRequest', () => {
  it('shows a new session with its scopes, and a message as text or hex', () => {
    expect(
      describeMwpRequest({
        kind: 'createSession',
        dapp,
        sessionScopes: {
          'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp': { methods: [], notifications: [], accounts: [] },
        },
      }),
    ).toMatchObject({
      method: 'connect (MetaMask)',
      appName: 'Dapp',
      appVerified: false,
      cluster: 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp',
    })
    const text = describeMwpRequest({
      kind: 'signMessage',
      dapp,
      scope: 'solana:x',
      address: 'A',
      message: new TextEncoder().encode('hi'),
    })
    expect(text.message).toEqual({ text: 'hi', hex: '6869', display: 'utf8' })
    const binary = describeMwpRequest({
      kind: 'personalSign',
      dapp,
      address: '0x1',
      message: Uint8Array.of(0xff, 0xfe),
    })
    expect(binary.message).toEqual({ text: undefined, hex: 'fffe', display: 'hex' })
  })

  it('marks signAndSendTransaction as sending', () => {
    const view = describeMwpRequest({
      kind: 'signAndSendTransaction',
      dapp,
      scope: 'solana:x',
      address: 'A',
      transaction: new Uint8Array(3),
    })
    expect(view.sends).toBe(true)
    expect(view.transactions).toEqual([undefined])
  })
})

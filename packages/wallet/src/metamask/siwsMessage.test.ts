import { describe, expect, it } from 'vitest'
import { MwpWalletError } from './errors.js'
import { createSiwsMessageText } from './siwsMessage.js'

describe('createSiwsMessageText', () => {
  it('writes the Sign-In With Solana text: header, address, statement, then the fields present', () => {
    expect(
      createSiwsMessageText({
        domain: 'dapp.example',
        address: 'Addr1111',
        statement: 'Sign in to Dapp',
        uri: 'https://dapp.example/login',
        version: '1',
        chainId: 'mainnet',
        nonce: 'n0nce',
        issuedAt: '2026-12-05T00:00:00Z',
        resources: ['https://a.example', 'https://b.example'],
      }),
    ).toBe(
      [
        'dapp.example wants you to sign in with your Solana account:',
        'Addr1111',
        '',
        'Sign in to Dapp',
        '',
        'URI: https://dapp.example/login',
        'Version: 1',
        'Chain ID: mainnet',
        'Nonce: n0nce',
        'Issued At: 2026-12-05T00:00:00Z',
        'Resources:',
        '- https://a.example',
        '- https://b.example',
      ].join('\n'),
    )
    expect(createSiwsMessageText({ domain: 'd.example', address: 'A' })).toBe(
      'd.example wants you to sign in with your Solana account:\nA',
    )
  })

  it('refuses a field that smuggles a line (a forged "Nonce:" or "URI:")', () => {
    expect(() =>
      createSiwsMessageText({ domain: 'd.example\nURI: https://evil.example', address: 'A' }),
    ).toThrow(MwpWalletError)
    expect(() =>
      createSiwsMessageText({ domain: 'd.example', address: 'A', statement: 'a\nNonce: 1' }),
    ).toThrow('line break')
  })
})

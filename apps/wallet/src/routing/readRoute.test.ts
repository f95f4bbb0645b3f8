import { describe, expect, it } from 'vitest'
import { readRoute } from './readRoute.js'

const origin = 'http://localhost:5175'

describe('readRoute', () => {
  it.each([
    ['/', { kind: 'home' }],
    ['/settings', { kind: 'home' }],
    ['/ul/v1/', { kind: 'home' }],
    ['/ul/v1/relay', { kind: 'home' }],
    [
      '/ul/v1/relay#other=1',
      { kind: 'badLink', message: 'This wake-up link names no session (its "#channel=" part is missing).' },
    ],
    ['/ul/v1/relay#channel=AAAAAAAAAAAAAAAAAAAAAA', { kind: 'wake', channel: 'AAAAAAAAAAAAAAAAAAAAAA' }],
  ])('reads %s', (path, route) => {
    expect(readRoute(origin + path)).toEqual(route)
  })

  it('hands a pairing link over whole, broken or not (the kit says what is wrong with it)', () => {
    const pairingUri = 'dapplink:pair?v=1&relay=http%3A%2F%2F127.0.0.1%3A1&channel=abc&key=k&secret=s'
    for (const link of [
      `${origin}/ul/v1/pair#uri=${encodeURIComponent(pairingUri)}`,
      `${origin}/ul/v1/pair`,
      `${origin}/ul/v1/pair#uri=${pairingUri}`,
    ])
      expect(readRoute(link)).toEqual({ kind: 'pair', link })
  })

  it('decodes a MetaMask connection link from the fragment (and ignores an empty one)', () => {
    const link = 'metamask://connect/mwp?p=eJyrVkrLz1eyUkpKLFKqBQAdegQ0&c=1'
    expect(readRoute(`${origin}/ul/v1/mwp#link=${encodeURIComponent(link)}`)).toEqual({
      kind: 'metamask',
      link,
    })
    expect(readRoute(`${origin}/ul/v1/mwp#other=1`)).toEqual({ kind: 'home' })
  })

  it('hands every deeplink method URL over whole', () => {
    for (const method of [
      'connect',
      'disconnect',
      'signMessage',
      'signTransaction',
      'signAllTransactions',
      'signAndSendTransaction',
    ]) {
      const url = `${origin}/ul/v1/${method}?redirect_link=x`
      expect(readRoute(url)).toEqual({ kind: 'deeplink', url })
    }
  })

  it('marks an unknown method', () => {
    const url = `${origin}/ul/v1/signEverything?redirect_link=x`
    expect(readRoute(url)).toEqual({ kind: 'unknownMethod', url, method: 'signEverything' })
  })
})

import { describe, expect, it } from 'vitest'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { bindAppOrigin } from './bindAppOrigin.js'

describe('bindAppOrigin', () => {
  it('verifies a web redirect link on the app origin', () => {
    expect(bindAppOrigin('https://jup.ag', 'https://jup.ag/swap?x=1')).toEqual({
      appIdentity: 'https://jup.ag',
      appUrlVerified: true,
    })
    expect(bindAppOrigin('http://localhost:5173/app', 'http://localhost:5173/')).toMatchObject({
      appUrlVerified: true,
    })
  })

  it.each([
    ['https://jup.ag', 'https://evil.example/x'],
    ['https://jup.ag', 'http://jup.ag/x'],
    ['https://jup.ag', 'https://jup.ag:8443/x'],
    ['https://jup.ag', 'https://app.jup.ag/x'],
  ])('refuses app_url %s with redirect_link %s, without an answer address', (appUrl, redirectLink) => {
    const error = (() => {
      try {
        bindAppOrigin(appUrl, redirectLink)
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(InvalidRequestError)
    expect((error as InvalidRequestError).redirectLink).toBeUndefined()
    expect((error as Error).message).toMatch(/not to the app's origin/)
  })

  it('presents a custom scheme as the identity and flags app_url as unverified', () => {
    expect(bindAppOrigin('https://jup.ag', 'jupiter://done')).toEqual({
      appIdentity: 'jupiter:',
      appUrlVerified: false,
    })
  })
})

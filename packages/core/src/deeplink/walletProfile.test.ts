import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, UnsupportedMethodError } from '../errors/deeplink.js'
import { assertMethodSupported } from './buildRequestUrl.js'
import { deeplinkMethods, defineWalletProfile } from './walletProfile.js'
import { backpack, phantom, solflare } from './walletProfiles.js'

describe('wallet profiles', () => {
  it('describe Phantom, Solflare and Backpack', () => {
    expect(
      [phantom, solflare, backpack].map((profile) => [
        profile.id,
        profile.baseUrl,
        profile.encryptionPublicKeyParam,
      ]),
    ).toEqual([
      ['phantom', 'https://phantom.app/ul/v1/', 'phantom_encryption_public_key'],
      ['solflare', 'https://solflare.com/ul/v1/', 'solflare_encryption_public_key'],
      ['backpack', 'https://backpack.app/ul/v1/', 'wallet_encryption_public_key'],
    ])
    for (const profile of [phantom, solflare, backpack]) expect(profile.methods).toEqual(deeplinkMethods)
  })

  it('defines a custom profile, frozen, with all methods by default', () => {
    const reference = defineWalletProfile({
      id: 'reference',
      name: 'Reference wallet',
      baseUrl: 'http://localhost:4173/ul/v1/',
      encryptionPublicKeyParam: 'wallet_encryption_public_key',
    })
    expect(reference.methods).toEqual(deeplinkMethods)
    expect(Object.isFrozen(reference)).toBe(true)
  })

  it('throws UnsupportedMethodError for a method the profile does not list', () => {
    const limited = defineWalletProfile({
      id: 'limited',
      name: 'Limited',
      baseUrl: 'https://limited.example/ul/v1/',
      encryptionPublicKeyParam: 'limited_encryption_public_key',
      methods: ['connect', 'signMessage'],
    })
    expect(() => assertMethodSupported(limited, 'signMessage')).not.toThrow()
    expect(() => assertMethodSupported(limited, 'signAndSendTransaction')).toThrow(UnsupportedMethodError)
    expect(() => assertMethodSupported(limited, 'signAndSendTransaction')).toThrow(
      'Limited does not support signAndSendTransaction over deeplinks.',
    )
  })

  it.each([
    {
      id: 'bad id!',
      baseUrl: 'https://w.example/ul/v1/',
      encryptionPublicKeyParam: 'w_encryption_public_key',
    },
    { id: 'w', baseUrl: 'not a url', encryptionPublicKeyParam: 'w_encryption_public_key' },
    { id: 'w', baseUrl: 'https://w.example/ul/v1', encryptionPublicKeyParam: 'w_encryption_public_key' },
    { id: 'w', baseUrl: 'https://w.example/ul/v1/?x=1', encryptionPublicKeyParam: 'w_encryption_public_key' },
    { id: 'w', baseUrl: 'https://w.example/ul/v1/', encryptionPublicKeyParam: 'public_key' },
  ])('refuses an invalid definition %#', (definition) => {
    expect(() => defineWalletProfile({ name: 'W', ...definition })).toThrow(InvalidArgumentError)
  })

  it('refuses unknown methods and profiles without connect', () => {
    const base = {
      id: 'w',
      name: 'W',
      baseUrl: 'https://w.example/',
      encryptionPublicKeyParam: 'w_encryption_public_key',
    }
    expect(() => defineWalletProfile({ ...base, methods: ['connect', 'signIn' as 'connect'] })).toThrow(
      /unknown method "signIn"/,
    )
    expect(() => defineWalletProfile({ ...base, methods: ['signMessage'] })).toThrow(/must support connect/)
  })
})

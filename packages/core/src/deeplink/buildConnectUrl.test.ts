import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError, UrlTooLongError } from '../errors/deeplink.js'
import { buildConnectUrl } from './buildConnectUrl.js'
import { withRequestId } from './requestId.js'
import { phantom, solflare } from './walletProfiles.js'

describe('buildConnectUrl', () => {
  const keyPair = nacl.box.keyPair()

  it('builds the plaintext connect link the wallets document', () => {
    const redirectLink = withRequestId('https://dapp.example/return?tab=1', 'AbCdEfGhJk')
    const url = new URL(
      buildConnectUrl({
        profile: phantom,
        appUrl: 'https://dapp.example',
        dappEncryptionPublicKey: keyPair.publicKey,
        redirectLink,
        cluster: 'devnet',
      }),
    )
    expect(url.origin + url.pathname).toBe('https://phantom.app/ul/v1/connect')
    expect([...url.searchParams.keys()]).toEqual([
      'app_url',
      'dapp_encryption_public_key',
      'redirect_link',
      'cluster',
    ])
    expect(url.searchParams.get('app_url')).toBe('https://dapp.example')
    expect(bs58.decode(url.searchParams.get('dapp_encryption_public_key')!)).toEqual(keyPair.publicKey)
    expect(url.searchParams.get('redirect_link')).toBe(
      'https://dapp.example/return?tab=1&dapplink_id=AbCdEfGhJk',
    )
    expect(url.searchParams.get('cluster')).toBe('devnet')
  })

  it('omits the cluster when none is given and uses the profile base URL', () => {
    const url = new URL(
      buildConnectUrl({
        profile: solflare,
        appUrl: 'https://dapp.example',
        dappEncryptionPublicKey: keyPair.publicKey,
        redirectLink: 'https://dapp.example/',
      }),
    )
    expect(url.href.startsWith('https://solflare.com/ul/v1/connect?')).toBe(true)
    expect(url.searchParams.has('cluster')).toBe(false)
  })

  it('refuses bad input with typed errors', () => {
    const base = {
      profile: phantom,
      appUrl: 'https://dapp.example',
      dappEncryptionPublicKey: keyPair.publicKey,
      redirectLink: 'https://dapp.example/',
    }
    expect(() => buildConnectUrl({ ...base, appUrl: 'dapp.example' })).toThrow(InvalidArgumentError)
    expect(() => buildConnectUrl({ ...base, dappEncryptionPublicKey: new Uint8Array(31) })).toThrow(
      InvalidArgumentError,
    )
    expect(() => buildConnectUrl({ ...base, cluster: 'localnet' as 'devnet' })).toThrow(
      /Unknown cluster "localnet"/,
    )
    expect(() => buildConnectUrl({ ...base, maxUrlLength: 100 })).toThrow(UrlTooLongError)
  })
})

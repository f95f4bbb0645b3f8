import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { defaultRequestTtlMs } from './deeplinkClient.js'
import { readDeeplinkClientConfig } from './deeplinkClientConfig.js'
import { phantom } from './walletProfiles.js'

const valid = {
  profile: phantom,
  appUrl: 'https://dapp.example',
  redirectLink: 'https://dapp.example/return',
}

describe('readDeeplinkClientConfig', () => {
  it('fills the defaults: the request TTL and the system clock', () => {
    const config = readDeeplinkClientConfig(valid)
    expect(config).toMatchObject({ ...valid, cluster: undefined, requestTtlMs: defaultRequestTtlMs })
    expect(config.now).toBe(Date.now)
  })

  it.each([
    ['a relative app URL', { appUrl: '/dapp' }],
    ['a relative redirect link', { redirectLink: 'return' }],
    ['an unknown cluster', { cluster: 'moonnet' }],
    ['a zero maxUrlLength', { maxUrlLength: 0 }],
    ['an infinite requestTtlMs', { requestTtlMs: Number.POSITIVE_INFINITY }],
    ['a negative maxResponseUrlLength', { maxResponseUrlLength: -1 }],
  ])('refuses %s where the client is created', (_, override) => {
    expect(() => readDeeplinkClientConfig({ ...valid, ...(override as object) })).toThrow()
  })

  it('names the limit that is not a positive number', () => {
    expect(() => readDeeplinkClientConfig({ ...valid, requestTtlMs: Number.NaN })).toThrow(
      new InvalidArgumentError('requestTtlMs must be a positive number.'),
    )
  })
})

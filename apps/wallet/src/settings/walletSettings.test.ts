import { describe, expect, it } from 'vitest'
import { createMapStorage } from '../test/createMapStorage.js'
import { fallbackRpcUrl, readSettings, saveSettings, settingsStorageKey } from './walletSettings.js'

const href = 'http://localhost:5175/'

describe('readSettings', () => {
  it('falls back to the build default, then to the local cluster', () => {
    expect(
      readSettings({ storage: createMapStorage(), href, defaultRpcUrl: 'https://api.devnet.solana.com' }),
    ).toEqual({
      rpcUrl: 'https://api.devnet.solana.com',
      pauseAfterMs: 20_000,
    })
    expect(readSettings({ storage: createMapStorage(), href, defaultRpcUrl: undefined }).rpcUrl).toBe(
      fallbackRpcUrl,
    )
  })

  it('prefers saved settings over defaults', () => {
    const storage = createMapStorage()
    saveSettings(storage, { rpcUrl: 'http://127.0.0.1:9000', pauseAfterMs: 1500 })
    expect(readSettings({ storage, href, defaultRpcUrl: 'https://api.devnet.solana.com' })).toEqual({
      rpcUrl: 'http://127.0.0.1:9000',
      pauseAfterMs: 1500,
    })
  })

  it('takes and saves URL overrides', () => {
    const storage = createMapStorage()
    const settings = readSettings({
      storage,
      href: `${href}?rpcUrl=http%3A%2F%2F127.0.0.1%3A9100&pauseAfterMs=300`,
    })
    expect(settings).toEqual({ rpcUrl: 'http://127.0.0.1:9100', pauseAfterMs: 300 })
    expect(readSettings({ storage, href })).toEqual(settings)
  })

  it.each([
    ['?rpcUrl=javascript%3Aalert(1)', 'rpcUrl', fallbackRpcUrl],
    ['?pauseAfterMs=-1', 'pauseAfterMs', 20_000],
    ['?pauseAfterMs=1.5', 'pauseAfterMs', 20_000],
    ['?pauseAfterMs=abc', 'pauseAfterMs', 20_000],
    ['?pauseAfterMs=9999999', 'pauseAfterMs', 20_000],
  ] as const)('ignores the invalid override %s', (query, key, expected) => {
    expect(readSettings({ storage: createMapStorage(), href: href + query })[key]).toBe(expected)
  })

  it('ignores a corrupted saved entry', () => {
    const storage = createMapStorage()
    storage.setItem(settingsStorageKey, '{')
    expect(readSettings({ storage, href }).rpcUrl).toBe(fallbackRpcUrl)
  })
})

import { describe, expect, it } from 'vitest'
import { settingsStorageKey } from '../config/demoSettings.js'
import { memoryStorage } from '../testing/memoryStorage.js'
import { loadDemoSetup } from './loadDemoSetup.js'

describe('loadDemoSetup', () => {
  it('builds the client config from the query overrides and keeps them for the tab', () => {
    const storage = memoryStorage()
    const { settings, problems, config } = loadDemoSetup({
      appName: 'dapplink Vue demo',
      env: { VITE_RELAY_PORT: '9787' },
      location: {
        search: '?walletUrl=http://127.0.0.1:6175/&rpcUrl=ftp://x',
        origin: 'http://localhost:5174',
      },
      storage,
    })
    expect(settings).toEqual({
      walletUrl: 'http://127.0.0.1:6175',
      relayUrl: 'http://127.0.0.1:9787',
      rpcUrl: 'http://127.0.0.1:8899',
      mwpRelayUrl: 'ws://127.0.0.1:8790/connection/websocket',
    })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('rpcUrl')
    expect(config.appUrl).toBe('http://localhost:5174')
    expect(config.appName).toBe('dapplink Vue demo')
    expect(config.relay).toEqual({
      url: 'http://127.0.0.1:9787',
      walletLinkBaseUrl: 'http://127.0.0.1:6175/ul/v1/',
      appInPairingUri: false,
    })
    expect(config.metamask).toEqual({
      relayUrl: 'ws://127.0.0.1:8790/connection/websocket',
      evmChainIds: [1],
    })
    expect(JSON.parse(storage.items.get(settingsStorageKey)!)).toEqual({ walletUrl: 'http://127.0.0.1:6175' })
  })

  it('passes ?mwpQuietAfterMs= to the MetaMask session', () => {
    const { config } = loadDemoSetup({
      appName: 'dapplink React demo',
      env: {},
      location: { search: '?mwpQuietAfterMs=1500', origin: 'http://localhost:5173' },
      storage: undefined,
    })
    expect(config.metamask).toEqual({
      relayUrl: 'ws://127.0.0.1:8790/connection/websocket',
      evmChainIds: [1],
      quietAfterMs: 1500,
    })
  })

  it('works without storage', () => {
    const { settings } = loadDemoSetup({
      appName: 'dapplink React demo',
      env: {},
      location: { search: '', origin: 'http://localhost:5173' },
      storage: undefined,
    })
    expect(settings.walletUrl).toBe('http://localhost:5175')
  })
})

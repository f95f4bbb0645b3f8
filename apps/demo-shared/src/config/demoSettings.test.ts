import { describe, expect, it } from 'vitest'
import {
  defaultDemoSettings,
  normalizeSettingUrl,
  readDemoSettings,
  settingsStorageKey,
} from './demoSettings.js'

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial))
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value)
    },
  }
}

describe('defaultDemoSettings', () => {
  it('uses the README ports without env', () => {
    expect(defaultDemoSettings({})).toEqual({
      walletUrl: 'http://localhost:5175',
      relayUrl: 'http://127.0.0.1:8787',
      rpcUrl: 'http://127.0.0.1:8899',
      mwpRelayUrl: 'ws://127.0.0.1:8790/connection/websocket',
    })
  })

  it('takes ports and full URLs from the env, ignoring bad ports', () => {
    expect(
      defaultDemoSettings({
        VITE_WALLET_PORT: '6001',
        VITE_RELAY_PORT: 'x',
        VITE_RPC_URL: 'http://rpc.test',
      }),
    ).toEqual({
      walletUrl: 'http://localhost:6001',
      relayUrl: 'http://127.0.0.1:8787',
      rpcUrl: 'http://rpc.test',
      mwpRelayUrl: 'ws://127.0.0.1:8790/connection/websocket',
    })
  })
})

describe('normalizeSettingUrl', () => {
  it('drops the trailing slash and refuses other schemes', () => {
    expect(normalizeSettingUrl('http://localhost:5175/')).toBe('http://localhost:5175')
    expect(normalizeSettingUrl('javascript:alert(1)')).toBeUndefined()
    expect(normalizeSettingUrl('not a url')).toBeUndefined()
  })
})

describe('readDemoSettings', () => {
  it('lets the query override, and saves the override for the tab', () => {
    const storage = memoryStorage()
    const { settings, problems } = readDemoSettings({
      search:
        '?walletUrl=http%3A%2F%2Flocalhost%3A7000%2F&rpcUrl=http://127.0.0.1:7001' +
        '&mwpRelayUrl=ws%3A%2F%2F127.0.0.1%3A7002%2Fconnection%2Fwebsocket',
      env: {},
      storage,
    })
    expect(problems).toEqual([])
    expect(settings).toEqual({
      walletUrl: 'http://localhost:7000',
      relayUrl: 'http://127.0.0.1:8787',
      rpcUrl: 'http://127.0.0.1:7001',
      mwpRelayUrl: 'ws://127.0.0.1:7002/connection/websocket',
    })
    // The wallet answers on the bare page: the saved overrides still apply there.
    expect(readDemoSettings({ search: '', env: {}, storage }).settings).toEqual(settings)
  })

  it('reports a bad query value and keeps the default', () => {
    const { settings, problems } = readDemoSettings({
      search: '?relayUrl=ftp://x',
      env: {},
      storage: undefined,
    })
    expect(settings.relayUrl).toBe('http://127.0.0.1:8787')
    expect(problems).toEqual(['The relayUrl "ftp://x" is not an absolute http(s) or ws(s) URL; ignored.'])
  })

  it('survives a corrupt saved entry', () => {
    const storage = memoryStorage({ [settingsStorageKey]: '{oops' })
    expect(readDemoSettings({ search: '', env: {}, storage }).settings.walletUrl).toBe(
      'http://localhost:5175',
    )
  })
})

import type { KeyValueStorage } from '../storage/keyValueStorage.js'

/** The wallet's user settings. */
export type WalletSettings = {
  /** The cluster's JSON-RPC URL used for balances, airdrops and signAndSendTransaction. */
  rpcUrl: string
  /** How long the app may stay in the background before a relay session pauses (the kit's default is 20 s). */
  pauseAfterMs: number
}

export const settingsStorageKey = 'dapplink.wallet.settings'

export type ReadSettingsParameters = {
  storage: KeyValueStorage
  /** The page URL: `?rpcUrl=` and `?pauseAfterMs=` override (and are saved), for tests and demos. */
  href: string
  /** The build's default RPC URL (`import.meta.env.VITE_RPC_URL`). */
  defaultRpcUrl?: string | undefined
}

export const fallbackRpcUrl = 'http://127.0.0.1:8899'
export const defaultPauseAfterMs = 20_000
const maxPauseAfterMs = 10 * 60_000

/**
 * Reads the settings: URL overrides first, then saved values, then defaults. Invalid values fall back.
 *
 * @example
 * const settings = readSettings({ storage: localStorage, href: location.href, defaultRpcUrl: import.meta.env.VITE_RPC_URL })
 */
export function readSettings(parameters: ReadSettingsParameters): WalletSettings {
  const { storage, href } = parameters
  let saved: Partial<Record<keyof WalletSettings, unknown>> = {}
  try {
    const parsed = JSON.parse(storage.getItem(settingsStorageKey) ?? '{}') as unknown
    if (typeof parsed === 'object' && parsed !== null) saved = parsed
  } catch {
    // A corrupted entry reads as no saved settings.
  }
  const query = new URL(href).searchParams
  const settings: WalletSettings = {
    rpcUrl:
      validRpcUrl(query.get('rpcUrl')) ??
      validRpcUrl(saved.rpcUrl) ??
      validRpcUrl(parameters.defaultRpcUrl) ??
      fallbackRpcUrl,
    pauseAfterMs:
      validPauseAfterMs(query.get('pauseAfterMs')) ??
      validPauseAfterMs(saved.pauseAfterMs) ??
      defaultPauseAfterMs,
  }
  if (query.has('rpcUrl') || query.has('pauseAfterMs')) saveSettings(storage, settings)
  return settings
}

/** Saves the settings. */
export function saveSettings(storage: KeyValueStorage, settings: WalletSettings): void {
  storage.setItem(settingsStorageKey, JSON.stringify(settings))
}

/** The URL when it is an absolute http(s) URL, else undefined. */
export function validRpcUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : undefined
  } catch {
    return undefined
  }
}

/** The threshold as a whole number of ms in [0, 10 min], else undefined. */
export function validPauseAfterMs(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= maxPauseAfterMs
    ? number
    : undefined
}

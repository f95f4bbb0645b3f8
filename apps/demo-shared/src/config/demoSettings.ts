/** Where the demo finds the reference wallet, the relay and the local cluster. */
export type DemoSettings = {
  /** The reference wallet's origin, e.g. `http://localhost:5175`. */
  walletUrl: string
  /** The relay's socket.io URL, e.g. `http://127.0.0.1:8787`. */
  relayUrl: string
  /** The local cluster's JSON-RPC URL, e.g. `http://127.0.0.1:8899`. */
  rpcUrl: string
  /** The MetaMask relay stand-in's Centrifugo URL (apps/mwp-relay), e.g. `ws://127.0.0.1:8790/connection/websocket`. */
  mwpRelayUrl: string
}

/** Build-time values (Vite's `import.meta.env`); all optional. */
export type DemoEnv = Partial<
  Record<
    | 'VITE_WALLET_PORT'
    | 'VITE_RELAY_PORT'
    | 'VITE_CLUSTER_PORT'
    | 'VITE_MWP_RELAY_PORT'
    | 'VITE_WALLET_URL'
    | 'VITE_RELAY_URL'
    | 'VITE_RPC_URL'
    | 'VITE_MWP_RELAY_URL',
    string | undefined
  >
>

/** The subset of `Storage` the settings need (sessionStorage in the browser). */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>

export const settingsStorageKey = 'dapplink-demo.settings'

const settingNames = ['walletUrl', 'relayUrl', 'rpcUrl', 'mwpRelayUrl'] as const

/** The settings from the build-time env alone: ports or full URLs, else the README's default ports. */
export function defaultDemoSettings(env: DemoEnv): DemoSettings {
  const port = (value: string | undefined, fallback: number) => {
    const parsed = Number(value)
    return Number.isInteger(parsed) && parsed > 0 && parsed < 65_536 ? parsed : fallback
  }
  return {
    walletUrl: env.VITE_WALLET_URL || `http://localhost:${port(env.VITE_WALLET_PORT, 5175)}`,
    relayUrl: env.VITE_RELAY_URL || `http://127.0.0.1:${port(env.VITE_RELAY_PORT, 8787)}`,
    rpcUrl: env.VITE_RPC_URL || `http://127.0.0.1:${port(env.VITE_CLUSTER_PORT, 8899)}`,
    mwpRelayUrl:
      env.VITE_MWP_RELAY_URL || `ws://127.0.0.1:${port(env.VITE_MWP_RELAY_PORT, 8790)}/connection/websocket`,
  }
}

/** A settings URL must be an absolute http(s) or ws(s) URL; returns it without a trailing slash. */
export function normalizeSettingUrl(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return undefined
  return url.href.replace(/\/+$/, '')
}

export type ReadDemoSettingsParameters = {
  /** The page's query string (`location.search`): `?walletUrl=&relayUrl=&rpcUrl=&mwpRelayUrl=` override the rest. */
  search: string
  env: DemoEnv
  /**
   * Keeps query overrides for the tab. sessionStorage survives the deeplink round trip (the wallet answers
   * on this page without the query) and never leaks into another tab or a later demo run.
   */
  storage: SettingsStorage | undefined
}

export type ReadDemoSettingsReturnType = {
  settings: DemoSettings
  /** Readable reasons for ignored query values. */
  problems: string[]
}

/** Reads the settings: query string, then values saved for this tab, then the build-time env. */
export function readDemoSettings(parameters: ReadDemoSettingsParameters): ReadDemoSettingsReturnType {
  const { search, env, storage } = parameters
  const settings = defaultDemoSettings(env)
  const problems: string[] = []
  let saved: Partial<DemoSettings> = {}
  try {
    const raw = storage?.getItem(settingsStorageKey)
    if (raw) saved = JSON.parse(raw) as Partial<DemoSettings>
  } catch {
    // A corrupt entry only loses the saved overrides; the defaults still work.
  }
  for (const name of settingNames) {
    const value = saved[name]
    if (typeof value === 'string' && normalizeSettingUrl(value)) settings[name] = normalizeSettingUrl(value)!
  }
  const query = new URLSearchParams(search)
  const overrides: Partial<DemoSettings> = {}
  for (const name of settingNames) {
    const value = query.get(name)
    if (value === null) continue
    const normalized = normalizeSettingUrl(value)
    if (!normalized) {
      problems.push(`The ${name} ${JSON.stringify(value)} is not an absolute http(s) or ws(s) URL; ignored.`)
      continue
    }
    settings[name] = normalized
    overrides[name] = normalized
  }
  if (Object.keys(overrides).length > 0) {
    try {
      storage?.setItem(settingsStorageKey, JSON.stringify({ ...saved, ...overrides }))
    } catch {
      // Storage full or blocked: the overrides hold for this page load only.
    }
  }
  return { settings, problems }
}

import type { CreateWalletClientParameters } from '@dapplink/core'
import { sessionStorageOrUndefined } from '../browser/sessionStorageOrUndefined.js'
import {
  type DemoEnv,
  type DemoSettings,
  readDemoSettings,
  type SettingsStorage,
} from '../config/demoSettings.js'
import { readMwpQuietAfterMs } from '../config/readMwpQuietAfterMs.js'
import { createDemoConfig } from './createDemoConfig.js'

export type LoadDemoSetupParameters = {
  appName: string
  /** Vite's `import.meta.env` (only the app module can read it). */
  env: DemoEnv
  /** Defaults to the page's `location`. */
  location?: Pick<Location, 'search' | 'origin'>
  /** Defaults to the tab's sessionStorage, if allowed. */
  storage?: SettingsStorage | undefined
}

export type LoadDemoSetupReturnType = {
  settings: DemoSettings
  /** Readable reasons for ignored query values. */
  problems: string[]
  config: CreateWalletClientParameters
}

/**
 * What a demo app needs at start-up: its settings (query, then this tab's saved values, then the build env)
 * and the wallet client config built from them.
 *
 * @example const { settings, problems, config } = loadDemoSetup({ appName: 'dapplink Vue demo', env: import.meta.env })
 */
export function loadDemoSetup(parameters: LoadDemoSetupParameters): LoadDemoSetupReturnType {
  const { appName, env, location = globalThis.location } = parameters
  const storage = 'storage' in parameters ? parameters.storage : sessionStorageOrUndefined()
  const { settings, problems } = readDemoSettings({ search: location.search, env, storage })
  const config = createDemoConfig({
    settings,
    appUrl: location.origin,
    appName,
    mwpQuietAfterMs: readMwpQuietAfterMs(location.search),
  })
  return { settings, problems, config }
}

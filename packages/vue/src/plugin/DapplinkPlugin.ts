import { type CreateWalletClientParameters, createWalletClient, type WalletClient } from '@dapplink/core'
import type { App, Plugin } from 'vue'
import { dapplinkClientKey } from './dapplinkClientKey.js'

/** Options of {@link DapplinkPlugin}: a client you made, or the config to make one for this app. */
export type DapplinkPluginOptions =
  | { client: WalletClient; config?: undefined }
  | { config: CreateWalletClientParameters; client?: undefined }

/**
 * Provides a wallet client to the app. With `config`, each app gets its own client, so server-rendered
 * requests never share wallet state. The client starts (restores a stored session, reads the wallet's
 * redirect) when the app mounts in the browser, and releases when it unmounts; `renderToString` never
 * starts it.
 *
 * @example
 * createApp(App).use(DapplinkPlugin, { config: { appUrl: 'https://dapp.example' } }).mount('#app')
 */
export const DapplinkPlugin: Plugin<[DapplinkPluginOptions]> = {
  install(app: App, options: DapplinkPluginOptions) {
    const client = options.client ?? createWalletClient(options.config)
    app.provide(dapplinkClientKey, client)

    // Vue >= 3.3 has no app-level mounted hook (onUnmount arrived in 3.5): wrap mount and unmount.
    const mount = app.mount
    const unmount = app.unmount
    let release: (() => void) | undefined
    app.mount = ((...args: Parameters<App['mount']>) => {
      const instance = mount.apply(app, args)
      release ??= client.mount()
      return instance
    }) as App['mount']
    app.unmount = () => {
      unmount.call(app)
      release?.()
      release = undefined
    }
  },
}

import type { WalletClient } from '@dapplink/core'
import { hasInjectionContext, inject } from 'vue'
import { DapplinkPluginNotFoundError } from '../errors/DapplinkPluginNotFoundError.js'
import { dapplinkClientKey } from '../plugin/dapplinkClientKey.js'

/**
 * The app's wallet client, for what `useWallet` does not cover (`handleRedirect` with a router's URL).
 *
 * @throws {DapplinkPluginNotFoundError} without the plugin or outside an injection context.
 */
export function useWalletClient(): WalletClient {
  const client = hasInjectionContext() ? inject(dapplinkClientKey, undefined) : undefined
  if (!client) throw new DapplinkPluginNotFoundError()
  return client
}

import type { WalletResponse } from '@dapplink/core'
import { getCurrentInstance, getCurrentScope, onMounted, onScopeDispose } from 'vue'
import { useWalletClient } from './useWalletClient.js'

/**
 * Calls `onResponse` with every wallet answer, with the request id and the `context` the request was
 * given: a relay answer in this page, a deeplink answer after the wallet round trip reloaded it. The
 * answer read on page load reaches the first component that subscribes, once. Unsubscribes when the
 * component (or effect scope) is disposed; a server render never subscribes.
 *
 * @example
 * useWalletResponse((response) => {
 *   if (response.method === 'signMessage') showSignature(response.result.signature, response.context)
 * })
 *
 * @throws {DapplinkPluginNotFoundError} without the plugin.
 */
export function useWalletResponse(onResponse: (response: WalletResponse) => void): void {
  const client = useWalletClient()
  let unsubscribe: (() => void) | undefined
  const subscribe = () => {
    unsubscribe ??= client.watchResponse(onResponse)
  }
  if (getCurrentInstance()) onMounted(subscribe)
  else subscribe()
  if (getCurrentScope())
    onScopeDispose(() => {
      unsubscribe?.()
      unsubscribe = undefined
    })
}

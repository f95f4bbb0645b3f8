'use client'
import type { WalletResponse } from '@dapplink/core'
import { useEffect, useRef } from 'react'
import { useWalletClient } from './useWalletClient.js'

/**
 * Calls `onResponse` with every wallet answer, with the request id and the `context` the request was
 * given: a relay answer in this page, a deeplink answer after the wallet round trip reloaded it. The
 * answer read on page load reaches the first component that subscribes, once (also under StrictMode).
 *
 * @example
 * useWalletResponse((response) => {
 *   if (response.method === 'signMessage') showSignature(response.result.signature, response.context)
 * })
 *
 * @throws {DapplinkProviderNotFoundError} outside `<DapplinkProvider>`.
 */
export function useWalletResponse(onResponse: (response: WalletResponse) => void): void {
  const client = useWalletClient()
  // The latest callback, so that a new closure on each render does not resubscribe.
  const latest = useRef(onResponse)
  useEffect(() => {
    latest.current = onResponse
  })
  useEffect(() => client.watchResponse((response) => latest.current(response)), [client])
}

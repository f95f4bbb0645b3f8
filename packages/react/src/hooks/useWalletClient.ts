'use client'
import type { WalletClient } from '@dapplink/core'
import { useContext } from 'react'
import { DapplinkContext } from '../context/DapplinkContext.js'
import { DapplinkProviderNotFoundError } from '../errors/DapplinkProviderNotFoundError.js'

/**
 * The wallet client of the nearest `<DapplinkProvider>`, for what `useWallet` does not cover
 * (`handleRedirect` with a router's URL, `watchState` in an effect).
 *
 * @throws {DapplinkProviderNotFoundError} outside a provider.
 */
export function useWalletClient(): WalletClient {
  const client = useContext(DapplinkContext)
  if (!client) throw new DapplinkProviderNotFoundError()
  return client
}

'use client'
import { type CreateWalletClientParameters, createWalletClient, type WalletClient } from '@dapplink/core'
import { type ReactNode, useEffect, useState } from 'react'
import { DapplinkContext } from './DapplinkContext.js'

/** Props of {@link DapplinkProvider}: a client you made, or the config to make one. */
export type DapplinkProviderProps = {
  children?: ReactNode
} & (
  | { client: WalletClient; config?: undefined }
  | { config: CreateWalletClientParameters; client?: undefined }
)

/**
 * Gives its tree a wallet client and starts it in the browser (restores a stored session, reads the wallet's
 * redirect once). Safe to render on the server: nothing runs until the effect.
 *
 * @example
 * <DapplinkProvider config={{ appUrl: 'https://dapp.example', relay: { url: 'wss://relay.example' } }}>
 *   <App />
 * </DapplinkProvider>
 */
export function DapplinkProvider(props: DapplinkProviderProps) {
  // A client made here lives as long as the provider; making one does no I/O, so StrictMode's extra
  // render that throws its copy away leaks nothing.
  const [ownClient] = useState(() => (props.client ? undefined : createWalletClient(props.config!)))
  const client = props.client ?? ownClient!

  // mount() is reference-counted and releases late, so StrictMode's mount, unmount, mount runs the boot once.
  useEffect(() => client.mount(), [client])

  return <DapplinkContext.Provider value={client}>{props.children}</DapplinkContext.Provider>
}

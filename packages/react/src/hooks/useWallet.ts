'use client'
import {
  type WalletActions,
  type WalletState,
  type WalletStatusFlags,
  walletActions,
  walletStatusFlags,
} from '@dapplink/core'
import { useMemo, useSyncExternalStore } from 'react'
import { useWalletClient } from './useWalletClient.js'

/**
 * What `useWallet` returns: the client state, the booleans `@solana/wallet-adapter-react` made familiar,
 * and the client's actions. `publicKey` is a base58 string (wrap it in `new PublicKey(publicKey)` where
 * web3.js needs one), so dapplink does not depend on web3.js and the value is stable across renders.
 */
export type UseWalletReturnType = WalletState & WalletStatusFlags & WalletActions

/**
 * The wallet state and actions, re-rendering on every change. SSR-safe: the server (and the hydration
 * pass) renders the disconnected state.
 *
 * @example
 * const { publicKey, connected, connect, signMessage } = useWallet()
 * <button onClick={() => connect({ wallet: 'phantom' })}>Connect</button>
 *
 * @throws {DapplinkProviderNotFoundError} outside `<DapplinkProvider>`.
 */
export function useWallet(): UseWalletReturnType {
  const client = useWalletClient()
  const state = useSyncExternalStore(client.watchState, client.getState, client.getServerState)
  return useMemo(() => ({ ...state, ...walletStatusFlags(state), ...walletActions(client) }), [state, client])
}

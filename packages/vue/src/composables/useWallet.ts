import {
  type WalletActions,
  type WalletState,
  type WalletStatusFlags,
  walletActions,
  walletStatusFlags,
} from '@dapplink/core'
import {
  type ComputedRef,
  computed,
  getCurrentInstance,
  getCurrentScope,
  onMounted,
  onScopeDispose,
  shallowRef,
} from 'vue'
import { useWalletClient } from './useWalletClient.js'

type StateRefs = { readonly [key in keyof WalletState]: ComputedRef<WalletState[key]> }

/**
 * What `useWallet` returns: a read-only ref per state field, the booleans `@solana/wallet-adapter` made
 * familiar, and the client's actions. `publicKey` is a base58 string (wrap it in `new PublicKey(...)` where
 * web3.js needs one).
 */
export type UseWalletReturnType = StateRefs & {
  readonly [flag in keyof WalletStatusFlags]: ComputedRef<WalletStatusFlags[flag]>
} & {
  /** The whole state snapshot, for `watch` and templates that want it at once. */
  state: ComputedRef<WalletState>
} & WalletActions

const stateKeys = [
  'status',
  'publicKey',
  'transport',
  'wallet',
  'pairingUri',
  'walletLink',
  'verificationCode',
  'pendingMethod',
  'error',
  'lastResponse',
] as const satisfies readonly (keyof WalletState)[]

/**
 * The wallet state as read-only refs, and the actions. Unsubscribes when the component (or effect scope)
 * is disposed.
 *
 * @example
 * const { publicKey, connected, connect } = useWallet()
 * // <button @click="connect({ wallet: 'phantom' })">Connect</button>
 *
 * @throws {DapplinkPluginNotFoundError} without the plugin.
 */
export function useWallet(): UseWalletReturnType {
  const client = useWalletClient()
  // shallowRef: a snapshot is replaced whole, never mutated, so deep reactivity would only cost.
  const snapshot = shallowRef(client.getState())
  let unsubscribe: (() => void) | undefined
  const subscribe = () => {
    unsubscribe ??= client.watchState((state) => {
      snapshot.value = state
    })
    snapshot.value = client.getState()
  }
  // In a component, subscribe on mount: the server never mounts, so a server render leaves no listener
  // behind on a client that outlives the request. Outside a component (an effectScope), subscribe now.
  if (getCurrentInstance()) onMounted(subscribe)
  else subscribe()
  if (getCurrentScope()) {
    onScopeDispose(() => {
      unsubscribe?.()
      unsubscribe = undefined
    })
  }

  const refs = Object.fromEntries(
    stateKeys.map((key) => [key, computed(() => snapshot.value[key])]),
  ) as unknown as StateRefs
  const flags = computed(() => walletStatusFlags(snapshot.value))

  return {
    ...refs,
    state: computed(() => snapshot.value),
    connected: computed(() => flags.value.connected),
    connecting: computed(() => flags.value.connecting),
    disconnecting: computed(() => flags.value.disconnecting),
    ...walletActions(client),
  }
}

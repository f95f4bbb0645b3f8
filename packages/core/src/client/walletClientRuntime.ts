import { createResponseChannel, type ResponseChannel } from './createResponseChannel.js'
import { createStore, type Store } from './createStore.js'
import type { ConnectReturnType, WalletTransportFactories } from './walletClient.js'
import { initialWalletState, type WalletState } from './walletState.js'
import type {
  DeeplinkTransports,
  TransportContext,
  TransportStatePatch,
  WalletTransport,
} from './walletTransport.js'

/**
 * The connection (or attempt) that owns the state. A transport reports through a context bound to its own
 * connection, so a replaced or closed transport keeps no say over the state.
 */
export type Connection = {
  key: string
  transport: WalletTransport | undefined
  promise: Promise<ConnectReturnType> | undefined
  /** Rejects the pending connect() at once (default ConnectionCancelledError: replaced or disconnected). */
  cancel: ((error?: unknown) => void) | undefined
}

/**
 * What the wallet client's actions share: the store, the answer channel and the current connection.
 * One mutable object, so each action can live in its own module and still see the others' changes.
 */
export type WalletClientRuntime = {
  readonly transports: WalletTransportFactories
  readonly store: Store<WalletState>
  readonly responses: ResponseChannel
  /** Made on first use, so creating the client touches no storage. */
  deeplinkTransports: DeeplinkTransports | undefined
  active: Connection | undefined
  /** Rejects the latest request's promise at once (cancelPendingRequest). */
  cancelLatestRequest: ((error: unknown) => void) | undefined
  latestRequest: number
  restored: boolean
}

/** The state fields a closed or never-opened connection leaves. */
export const disconnectedPatch = {
  status: 'disconnected',
  publicKey: null,
  transport: null,
  wallet: null,
  pairingUri: null,
  walletLink: null,
  verificationCode: null,
  pendingMethod: null,
} as const satisfies Partial<WalletState>

/** Creates the shared state of one wallet client, with nothing connected. */
export function createWalletClientRuntime(transports: WalletTransportFactories): WalletClientRuntime {
  return {
    transports,
    store: createStore(initialWalletState),
    responses: createResponseChannel(),
    deeplinkTransports: undefined,
    active: undefined,
    cancelLatestRequest: undefined,
    latestRequest: 0,
    restored: false,
  }
}

export const isBrowser = () => typeof window !== 'undefined'

/** A transport context that only speaks for the state while `owner()` is the active connection. */
export function transportContextFor(
  runtime: WalletClientRuntime,
  owner: () => Connection | undefined,
): TransportContext {
  return {
    update(patch: TransportStatePatch) {
      const connection = owner()
      if (!connection || connection !== runtime.active) return
      if (patch.status === 'disconnected') {
        runtime.active = undefined
        // The session ended on its own (wallet gone, terminated, expired): free what it still holds.
        connection.transport?.destroy()
        runtime.store.setState({ ...disconnectedPatch, ...patch, status: 'disconnected' })
        return
      }
      runtime.store.setState(patch)
    },
  }
}

/** The deeplink side, made on first use so that creating the client touches no storage. */
export function deeplinkSide(runtime: WalletClientRuntime): DeeplinkTransports | undefined {
  if (!runtime.transports.deeplink) return undefined
  runtime.deeplinkTransports ??= runtime.transports.deeplink(
    transportContextFor(runtime, () =>
      runtime.active?.transport?.type === 'deeplink' ? runtime.active : undefined,
    ),
  )
  return runtime.deeplinkTransports
}

/** Lets go of the current connection: ends the relay session or forgets the deeplink session. */
export function closeActiveConnection(runtime: WalletClientRuntime): void {
  const transport = runtime.active?.transport
  runtime.active?.cancel?.()
  runtime.active = undefined
  if (!transport) return
  // disconnect() resolves even offline; destroy() then frees the socket.
  void transport
    .disconnect()
    .catch(() => {})
    .finally(() => transport.destroy())
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

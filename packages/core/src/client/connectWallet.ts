import {
  ConnectionCancelledError,
  MetamaskNotConfiguredError,
  RelayNotConfiguredError,
  WalletNotSelectedError,
} from '../errors/client.js'
import { RequestCancelledError } from '../errors/deeplink.js'
import type { ConnectParameters, ConnectReturnType, DisconnectOptions } from './walletClient.js'
import {
  asError,
  type Connection,
  closeActiveConnection,
  deeplinkSide,
  disconnectedPatch,
  transportContextFor,
  type WalletClientRuntime,
} from './walletClientRuntime.js'
import { emitAnswer } from './walletRequest.js'
import type { WalletTransportType } from './walletState.js'

/** Which transport (and deeplink profile) `connect` parameters name, or the typed error why none. */
export function resolveConnectTarget(
  runtime: WalletClientRuntime,
  connectParameters: ConnectParameters | undefined,
): { type: WalletTransportType; profile: string | null } {
  const { transports } = runtime
  if (connectParameters?.transport === 'deeplink' && connectParameters.wallet === undefined)
    throw new WalletNotSelectedError()
  if (connectParameters?.transport === 'metamask') {
    if (!transports.metamask) throw new MetamaskNotConfiguredError()
    return { type: 'metamask', profile: null }
  }
  if (connectParameters?.transport === 'relay') {
    if (!transports.relay) throw new RelayNotConfiguredError()
    return { type: 'relay', profile: null }
  }
  if (connectParameters?.wallet !== undefined) {
    // The factory throws UnknownWalletProfileError for an id it does not know.
    return { type: 'deeplink', profile: connectParameters.wallet }
  }
  if (transports.deeplinkProfiles.length === 1 && !transports.relay) {
    return { type: 'deeplink', profile: transports.deeplinkProfiles[0]! }
  }
  throw new WalletNotSelectedError()
}

/** `WalletClient.connect`: opens (or joins) a connection and makes it the one that owns the state. */
export function connectWallet(
  runtime: WalletClientRuntime,
  connectParameters?: ConnectParameters,
): Promise<ConnectReturnType> {
  const { store, transports } = runtime
  let target: ReturnType<typeof resolveConnectTarget>
  try {
    target = resolveConnectTarget(runtime, connectParameters)
  } catch (error) {
    store.setState({ error: asError(error) })
    const rejected = Promise.reject(error)
    rejected.catch(() => {})
    return rejected
  }
  const key = `${target.type}:${target.profile ?? ''}`
  const state = store.getState()
  // Only a relay pairing is joined: a repeated deeplink connect opens the wallet again.
  if (runtime.active?.key === key && (target.type !== 'deeplink' || !runtime.active.promise)) {
    // A second click while the first connect is still out joins it; a connected wallet answers at once.
    if (runtime.active.promise) return runtime.active.promise
    if (state.publicKey && state.status !== 'disconnecting')
      return Promise.resolve({ publicKey: state.publicKey })
  }
  closeActiveConnection(runtime)

  const connection: Connection = { key, transport: undefined, promise: undefined, cancel: undefined }
  const cancelled = new Promise<never>((_, reject) => {
    connection.cancel = (error = new ConnectionCancelledError()) => reject(error)
  })
  // Nobody may be waiting on it when it fires.
  cancelled.catch(() => {})
  runtime.active = connection
  store.setState({
    ...disconnectedPatch,
    status: 'connecting',
    transport: target.type,
    wallet: target.profile,
    pendingMethod: 'connect',
    error: null,
  })
  connection.promise = (async () => {
    try {
      if (target.type !== 'deeplink') {
        const factory = target.type === 'relay' ? transports.relay! : transports.metamask!
        const creating = factory(transportContextFor(runtime, () => connection)).then((relay) => {
          connection.transport = relay
          // Cancelled while the relay code was loading: free the socket it may have opened.
          if (runtime.active !== connection) relay.destroy()
          return relay
        })
        await Promise.race([creating, cancelled])
      } else {
        connection.transport = deeplinkSide(runtime)!.get(target.profile!)
      }
      const context = connectParameters?.context
      const result = await Promise.race([connection.transport!.connect({ context }), cancelled])
      if (runtime.active !== connection) throw new ConnectionCancelledError()
      connection.promise = undefined
      connection.cancel = undefined
      store.setState({
        ...disconnectedPatch,
        status: 'connected',
        transport: target.type,
        wallet: target.profile,
        publicKey: result.publicKey,
        // The relay code stays for the whole session: the wallet keeps showing it, so the user can
        // still compare the two after connecting.
        verificationCode: target.type === 'relay' ? store.getState().verificationCode : null,
        error: null,
      })
      if (target.type === 'relay') emitAnswer(runtime, 'connect', context, { publicKey: result.publicKey })
      return { publicKey: result.publicKey }
    } catch (error) {
      if (runtime.active === connection) {
        runtime.active = undefined
        if (connection.transport && connection.transport.type !== 'deeplink') connection.transport.destroy()
        store.setState({ ...disconnectedPatch, error: asError(error) })
      }
      throw error
    }
  })()
  // The error is also in the state, so `onClick={() => connect(...)}` raises no unhandled rejection.
  connection.promise.catch(() => {})
  return connection.promise
}

/** `WalletClient.disconnect`: ends the session and clears the error; always resolves. */
export async function disconnectWallet(
  runtime: WalletClientRuntime,
  options: DisconnectOptions = {},
): Promise<void> {
  const { store } = runtime
  const transport = runtime.active?.transport
  runtime.active?.cancel?.()
  runtime.active = undefined
  runtime.cancelLatestRequest?.(new RequestCancelledError('The request was cancelled by disconnect().'))
  if (!transport) {
    // A restored pending deeplink connect has no transport yet; it is forgotten too.
    runtime.deeplinkTransports?.get(store.getState().wallet ?? '')?.cancelPendingRequest?.()
    store.setState({ ...disconnectedPatch, error: null })
    return
  }
  store.setState({ status: 'disconnecting', pendingMethod: 'disconnect', error: null })
  try {
    await transport.disconnect(options)
  } catch (error) {
    // Disconnecting always succeeds locally; the error is still shown.
    store.setState({ error: asError(error) })
  } finally {
    transport.destroy()
    // A connect() started meanwhile owns the state now.
    if (!runtime.active) store.setState(disconnectedPatch)
  }
}

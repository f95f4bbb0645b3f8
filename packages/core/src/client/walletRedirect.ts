import type { WalletResponse } from '../deeplink/walletResponse.js'
import {
  asError,
  closeActiveConnection,
  deeplinkSide,
  disconnectedPatch,
  isBrowser,
  type WalletClientRuntime,
} from './walletClientRuntime.js'
import type { WalletState } from './walletState.js'
import type { DeeplinkTransports } from './walletTransport.js'

/** Makes the deeplink session (of `profile`) the current connection. */
function adoptDeeplink(
  runtime: WalletClientRuntime,
  profile: string,
  publicKey: string,
  patch: Partial<WalletState> = {},
): void {
  const transport = deeplinkSide(runtime)!.get(profile)
  if (runtime.active?.transport !== transport) {
    // Disconnecting another deeplink profile would forget the session just stored: they share it.
    if (runtime.active && runtime.active.transport?.type !== 'deeplink') closeActiveConnection(runtime)
    else runtime.active?.cancel?.()
    runtime.active = { key: `deeplink:${profile}`, transport, promise: undefined, cancel: undefined }
  }
  runtime.store.setState({
    ...disconnectedPatch,
    status: 'connected',
    transport: 'deeplink',
    wallet: profile,
    publicKey,
    ...patch,
  })
}

/** `WalletClient.handleRedirect`: reads a wallet redirect and applies its answer to the state. */
export function handleWalletRedirect(
  runtime: WalletClientRuntime,
  url?: string | URL,
): WalletResponse | null {
  const { store, responses } = runtime
  const href = url === undefined ? (isBrowser() ? window.location.href : undefined) : String(url)
  const side = deeplinkSide(runtime)
  if (href === undefined || !side) return null
  restoreDeeplinkSession(runtime)
  let response: ReturnType<DeeplinkTransports['handleRedirect']>
  try {
    response = side.handleRedirect(href)
  } catch (error) {
    const state = store.getState()
    // A stale or unknown answer leaves the pending request waiting; only the answer to it ends it.
    const waiting = side.pendingRequest()?.method ?? null
    const connectEnded =
      state.status === 'connecting' && state.transport === 'deeplink' && waiting !== 'connect'
    if (connectEnded) {
      // The answer to this page's connect: its promise rejects with the wallet's error.
      runtime.active?.cancel?.(error)
      runtime.active = undefined
    }
    store.setState({
      ...(connectEnded ? disconnectedPatch : {}),
      ...(state.transport === 'deeplink' && !connectEnded ? { pendingMethod: waiting } : {}),
      error: asError(error),
    })
    throw error
  }
  if (!response) return null
  if (response instanceof Promise) {
    // Signed by the wallet, now sent through rpcUrl: the answer comes when the cluster confirms it.
    store.setState({ pendingMethod: 'signAndSendTransaction', error: null })
    response.then(
      (sent) => {
        store.setState({ pendingMethod: null, lastResponse: sent })
        responses.emit(sent)
      },
      (error) => store.setState({ pendingMethod: null, error: asError(error) }),
    )
    return null
  }
  if (response.method === 'connect') {
    adoptDeeplink(runtime, response.wallet!, response.result.publicKey, {
      error: null,
      lastResponse: response,
    })
  } else if (response.method === 'disconnect') {
    if (runtime.active?.transport?.type === 'deeplink') runtime.active = undefined
    store.setState({ ...disconnectedPatch, error: null, lastResponse: response })
  } else {
    store.setState({ pendingMethod: null, error: null, lastResponse: response })
  }
  responses.emit(response)
  return response
}

/**
 * Reads the stored deeplink state once, in the browser, before the first render asks for the state:
 * a reload of a connected dapp never shows a frame of "disconnected" (and Connect buttons).
 */
export function restoreDeeplinkSession(runtime: WalletClientRuntime): void {
  if (runtime.restored || !isBrowser()) return
  runtime.restored = true
  const side = runtime.active ? undefined : deeplinkSide(runtime)
  const session = side?.restore()
  const pending = side?.pendingRequest()
  if (session)
    adoptDeeplink(runtime, session.wallet, session.publicKey, { pendingMethod: pending?.method ?? null })
  else if (pending?.method === 'connect')
    runtime.store.setState({
      status: 'connecting',
      transport: 'deeplink',
      wallet: pending.wallet,
      pendingMethod: 'connect',
    })
}

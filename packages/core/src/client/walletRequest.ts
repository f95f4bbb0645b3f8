import { createRequestId } from '../deeplink/requestId.js'
import type { RequestOptions, WalletResponse, WalletResults } from '../deeplink/walletResponse.js'
import { InvalidArgumentError, NotConnectedError, RequestCancelledError } from '../errors/deeplink.js'
import { asError, disconnectedPatch, type WalletClientRuntime } from './walletClientRuntime.js'
import type { WalletMethod } from './walletState.js'
import type { WalletTransport } from './walletTransport.js'

/** Hands an answer given in this page (the relay's) to `watchResponse` listeners. */
export function emitAnswer<method extends WalletMethod>(
  runtime: WalletClientRuntime,
  method: method,
  context: RequestOptions['context'],
  result: WalletResults[method],
): void {
  const response = {
    method,
    requestId: createRequestId(),
    wallet: runtime.store.getState().wallet,
    context,
    result,
  } as WalletResponse
  runtime.responses.emit(response)
}

/**
 * Runs one request on the connected transport: marks it pending, lets `cancelPendingRequest` reject it,
 * and hands a relay answer to the `watchResponse` listeners.
 */
export async function runWalletRequest<method extends WalletMethod, result>(
  runtime: WalletClientRuntime,
  method: method,
  options: RequestOptions,
  run: (
    transport: WalletTransport,
    context: RequestOptions['context'],
    signal: AbortSignal,
  ) => Promise<result>,
  toResponse: (result: result) => WalletResults[method],
): Promise<result> {
  const { store } = runtime
  const connection = runtime.active
  const transport = connection?.transport
  const { status } = store.getState()
  const usable = status === 'connected' || status === 'paused' || status === 'reconnecting'
  if (!transport || !usable) throw new NotConnectedError({ details: `Method: ${method}.` })
  // Only the latest request speaks for the state: a deeplink request replaces an older one, whose
  // cancellation must not clear the newer one's pendingMethod.
  const id = ++runtime.latestRequest
  const isLatest = () => runtime.active === connection && id === runtime.latestRequest
  // Checked before the wallet is asked: a context that is not JSON fails here, on both transports.
  const context = options.context === undefined ? undefined : asJson(options.context)
  store.setState({ pendingMethod: method, error: null })
  // A cancelled request is also withdrawn at the wallet: the transport sees the signal (relay: sealed `cancel`).
  const controller = new AbortController()
  const cancelled = new Promise<never>((_, reject) => {
    runtime.cancelLatestRequest = (error) => {
      reject(error)
      controller.abort(error)
    }
  })
  cancelled.catch(() => {})
  try {
    const result = await Promise.race([run(transport, context, controller.signal), cancelled])
    if (isLatest()) store.setState({ pendingMethod: null })
    // A deeplink answer reaches the listeners through handleRedirect, which read it; a relay or MetaMask
    // answer is given in this page, so it is handed out here.
    if (transport.type !== 'deeplink' && runtime.active === connection)
      emitAnswer(runtime, method, context, toResponse(result))
    return result
  } catch (error) {
    if (isLatest()) store.setState({ pendingMethod: null, error: asError(error) })
    throw error
  } finally {
    if (id === runtime.latestRequest) runtime.cancelLatestRequest = undefined
  }
}

/** `WalletClient.cancelPendingRequest`: rejects the pending request (or deeplink connect) at once. */
export function cancelPendingRequest(runtime: WalletClientRuntime): boolean {
  const { store } = runtime
  const state = store.getState()
  const side = state.transport === 'deeplink' ? runtime.deeplinkTransports : undefined
  const pendingConnect = state.status === 'connecting' && state.transport === 'deeplink'
  side?.get(state.wallet ?? '').cancelPendingRequest?.()
  if (pendingConnect) {
    runtime.active?.cancel?.(new RequestCancelledError('The connect request was cancelled.'))
    runtime.active = undefined
    store.setState(disconnectedPatch)
    return true
  }
  if (state.pendingMethod === null || state.pendingMethod === 'connect') return false
  runtime.cancelLatestRequest?.(
    new RequestCancelledError(`The pending ${state.pendingMethod} request was cancelled.`),
  )
  store.setState({ pendingMethod: null })
  return true
}

/** The context as it comes back after a reload (JSON); the deeplink client checks it the same way. */
function asJson(context: unknown): RequestOptions['context'] {
  try {
    return JSON.parse(JSON.stringify(context))
  } catch (cause) {
    throw new InvalidArgumentError('The request context must be JSON (it is stored until the answer).', {
      cause,
    })
  }
}

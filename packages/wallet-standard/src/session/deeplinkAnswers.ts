// The one adapter between the deeplink wallets and core's way of delivering an answer after a page load:
// answers through the client's `watchResponse` (with the request id and the caller's context), refusals
// through the client state's `error`.

import type { WalletClient, WalletResponse } from '@dapplink/core'

/** A deeplink wallet's answer that reached a new page load: the response, or the typed error of a refusal. */
export type DeeplinkAnswer = { response: WalletResponse } | { error: Error }

/**
 * Calls `listener` with every answer the wallet sends back through a redirect, including one already read
 * when it subscribes (the client keeps answers nobody watched for the first listener). Returns the
 * unsubscribe function.
 */
export function watchDeeplinkAnswers(client: WalletClient, listener: (answer: DeeplinkAnswer) => void) {
  const initial = client.getState()
  if (initial.error && initial.transport === 'deeplink') listener({ error: initial.error })
  const unwatchResponses = client.watchResponse((response) => {
    if (response.wallet !== null) listener({ response })
  })
  const unwatchErrors = client.watchState((state, previous) => {
    if (state.error && state.error !== previous.error && state.transport === 'deeplink')
      listener({ error: state.error })
  })
  return () => {
    unwatchResponses()
    unwatchErrors()
  }
}

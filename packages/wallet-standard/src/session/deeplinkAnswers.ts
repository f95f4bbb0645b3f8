// The one adapter between the deeplink wallets and core's way of delivering an answer after a page load.
// Today that is the client's `lastResponse` and `error`; core is gaining a response subscription
// (`onResponse`/`watchResponse` with the request id and a caller context): switch to it here alone.

import type { WalletClient, WalletResponse } from '@dapplink/core'

/** A deeplink wallet's answer that reached a new page load: the response, or the typed error of a refusal. */
export type DeeplinkAnswer = { response: WalletResponse } | { error: Error }

/**
 * Calls `listener` with every answer the wallet sends back through a redirect, including one already read
 * when it subscribes. Returns the unsubscribe function.
 */
export function watchDeeplinkAnswers(client: WalletClient, listener: (answer: DeeplinkAnswer) => void) {
  const initial = client.getState()
  if (initial.lastResponse) listener({ response: initial.lastResponse })
  else if (initial.error && initial.transport === 'deeplink') listener({ error: initial.error })
  return client.watchState((state, previous) => {
    if (state.lastResponse && state.lastResponse !== previous.lastResponse)
      listener({ response: state.lastResponse })
    else if (state.error && state.error !== previous.error && state.transport === 'deeplink')
      listener({ error: state.error })
  })
}

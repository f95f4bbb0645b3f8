import type { Route } from '../routing/readRoute.js'
import { answerDeeplink } from './answerDeeplink.js'
import type { RelayPanel } from './relayPanel.js'
import { requestWakeUp } from './wakeUp.js'
import type { WalletContext } from './walletContext.js'

export type CreateRouteHandlerParameters = {
  context: WalletContext
  /** The wallet's origin: where a handled link leaves the address bar. */
  origin: string
  /** Where a paired tab rests (`<origin>/ul/v1/relay`), so wake-up links change only its fragment. */
  restingUrl: string
  /** Where a deeplink request is shown for approval. */
  requestArea: HTMLElement
  relay: Pick<RelayPanel, 'pairFromLink' | 'wake' | 'holdsSession'>
  metamask: { pair(link: string): Promise<void> }
  /** Rewrites the address bar without a reload: `history.replaceState`. */
  replaceUrl: (url: string) => void
}

/** Returns the function that does what a route asks: answer a deeplink, pair, wake a session, or say why not. */
export function createRouteHandler(parameters: CreateRouteHandlerParameters): (route: Route) => void {
  const { context, origin, restingUrl, requestArea, relay, metamask, replaceUrl } = parameters
  const { setStatus } = context
  // A paired tab keeps resting at the wake-up path, whatever link reached it.
  const settledUrl = () => (relay.holdsSession() ? restingUrl : `${origin}/`)

  return function handleRoute(route: Route) {
    switch (route.kind) {
      case 'deeplink':
        void answerDeeplink(route.url, context, requestArea)
        break
      case 'unknownMethod':
        // The kit's parser answers an unknown method with -32601 to the dapp's redirect link.
        void answerDeeplink(route.url, context, requestArea)
        break
      case 'pair':
        // The pairing secret must not stay in the address bar or the history.
        replaceUrl(`${origin}/`)
        void relay.pairFromLink(route.link)
        break
      case 'metamask':
        // The link names the dapp's key and channel: do not leave it in the address bar.
        replaceUrl(`${origin}/`)
        void metamask.pair(route.link)
        break
      case 'badLink':
        replaceUrl(settledUrl())
        setStatus(route.message, 'error')
        break
      case 'wake':
        replaceUrl(settledUrl())
        if (relay.wake(route.channel)) {
          setStatus('Woken up by the dapp: the session is back in the foreground.', 'success')
          break
        }
        setStatus('Waking the relay session…')
        void requestWakeUp(route.channel).then((woken) =>
          setStatus(
            woken
              ? 'The wallet tab holding this session is back in the foreground.'
              : 'No open wallet tab holds this session (relay sessions live in memory only).',
            woken ? 'success' : 'error',
          ),
        )
        break
      case 'home':
        break
    }
  }
}

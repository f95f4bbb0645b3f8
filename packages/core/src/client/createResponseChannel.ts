import type { WalletResponse } from '../deeplink/walletResponse.js'
import { callListener } from '../store/createStore.js'

/** How many answers wait for a first listener (a redirect read before any component subscribed). */
export const undeliveredResponseLimit = 8

/** Hands each wallet answer to the `watchResponse` listeners; answers nobody watched wait for the first one. */
export type ResponseChannel = {
  emit(response: WalletResponse): void
  watch(listener: (response: WalletResponse) => void): () => void
}

/**
 * Creates the channel. An answer delivered while nobody listens (the redirect is read when the app
 * mounts, maybe before the component that handles it subscribes) goes to the first listener that comes.
 */
export function createResponseChannel(): ResponseChannel {
  const listeners = new Set<(response: WalletResponse) => void>()
  let undelivered: WalletResponse[] = []

  return {
    emit(response) {
      if (listeners.size === 0) {
        undelivered = [...undelivered, response].slice(-undeliveredResponseLimit)
        return
      }
      for (const listener of [...listeners]) callListener(listener, response)
    },
    watch(listener) {
      listeners.add(listener)
      const waiting = undelivered
      undelivered = []
      for (const response of waiting) callListener(listener, response)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}

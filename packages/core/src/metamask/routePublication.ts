import type { HandshakeInput } from './handshake.js'
import type { InboxEvent } from './publicationInbox.js'

/** Where an inbox event goes: a handshake input, a wallet message of the open session, or a warning. */
export type PublicationRoute =
  | { to: 'handshake'; input: HandshakeInput }
  | { to: 'session'; payload: unknown }
  | { to: 'warning'; error: Error }

/**
 * Routes what the inbox read from `channel`: offers (and unreadable handshake publications) to the
 * handshake, messages on the open session's channel to the session; anything else is dropped (undefined).
 * `sessionChannel` is set once the handshake is open.
 */
export function routePublication(
  event: InboxEvent,
  channel: string,
  sessionChannel: string | undefined,
): PublicationRoute | undefined {
  if (event.type === 'malformed') return { to: 'warning', error: event.error }
  if (event.type === 'unreadable')
    return channel.startsWith('handshake:')
      ? { to: 'handshake', input: { type: 'offerUnreadable', error: event.error } }
      : { to: 'warning', error: event.error }
  const { message } = event
  if (message.type === 'handshake-offer')
    return {
      to: 'handshake',
      input: { type: 'offerReceived', channel, walletClientId: event.senderClientId, offer: message.payload },
    }
  if (message.type === 'message' && sessionChannel !== undefined && channel === sessionChannel)
    return { to: 'session', payload: message.payload }
  return undefined
}

import { describe, expect, it } from 'vitest'
import { DecryptionError } from '../errors/deeplink.js'
import { MalformedPublicationError } from '../errors/metamask.js'
import type { HandshakeOffer } from './protocolMessage.js'
import { routePublication } from './routePublication.js'

const offer: HandshakeOffer = { publicKeyB64: 'AAAA', channelId: 'c1' }
const unreadable = new DecryptionError('The publication did not decrypt.')
const malformed = new MalformedPublicationError('The publication is not a JSON string.')
const message = (payload: unknown) =>
  ({
    type: 'message',
    channel: 'x',
    senderClientId: 'wallet-1',
    message: { type: 'message', payload },
  }) as const
const offered = {
  type: 'message',
  channel: 'x',
  senderClientId: 'wallet-1',
  message: { type: 'handshake-offer', payload: offer },
} as const

describe('routePublication', () => {
  it.each([
    [
      'a malformed publication',
      { type: 'malformed', error: malformed },
      'handshake:1',
      undefined,
      { to: 'warning', error: malformed },
    ],
    [
      'an unreadable handshake publication',
      { type: 'unreadable', channel: 'handshake:1', error: unreadable },
      'handshake:1',
      undefined,
      { to: 'handshake', input: { type: 'offerUnreadable', error: unreadable } },
    ],
    [
      'an unreadable session publication',
      { type: 'unreadable', channel: 'session:1', error: unreadable },
      'session:1',
      'session:1',
      { to: 'warning', error: unreadable },
    ],
    [
      'an offer',
      offered,
      'handshake:1',
      undefined,
      {
        to: 'handshake',
        input: { type: 'offerReceived', channel: 'handshake:1', walletClientId: 'wallet-1', offer },
      },
    ],
    [
      'a message on the open session channel',
      message({ a: 1 }),
      'session:1',
      'session:1',
      { to: 'session', payload: { a: 1 } },
    ],
    ['a message before the session is open', message({ a: 1 }), 'session:1', undefined, undefined],
    ['a message on another channel', message({ a: 1 }), 'handshake:1', 'session:1', undefined],
  ] as const)('routes %s', (_, event, channel, sessionChannel, route) => {
    expect(routePublication(event, channel, sessionChannel)).toEqual(route)
  })
})

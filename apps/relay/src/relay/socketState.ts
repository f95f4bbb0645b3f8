import type { Socket } from 'socket.io'
import type { TokenBucket } from '../limits/TokenBucket.js'
import type { RelayAnswer, RelayErrorCode } from '../protocol/relayMessages.js'
import type { DeliveryCursor } from './frameDelivery.js'

/** What the relay keeps per connected socket. */
export type SocketState = {
  socket: Socket
  ip: string
  events: TokenBucket
  memberships: Map<string, DeliveryCursor>
  /** The event being handled; the next one waits for it. */
  chain: Promise<void>
  queued: number
  lastRelayErrorAt: number
}

/** A handler's result: the answer to acknowledge, and what to do once it is sent. */
export type Outcome = { answer: RelayAnswer; after?: () => void }

export const failure = (code: RelayErrorCode, message: string): Outcome => ({
  answer: { ok: false, error: { code, message } },
})

export const unknownChannel = () =>
  failure(
    'unknown_channel',
    'This channel does not exist (expired, closed, or the relay restarted); create it again.',
  )

export const notMember = (event: string) =>
  failure('not_member', `This socket holds no role in the channel; join it before "${event}".`)

/** An error's name and message for the log (never its payload), cut short. */
export const errorName = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : typeof error

// Centrifugo's client protocol codes (centrifugal.dev/docs/transports/client_protocol), the ones a
// `centrifuge` client can receive from this relay.

/** Error codes of a command reply: `{ id, error: { code, message } }`. */
export const replyErrorCodes = {
  internal: { code: 100, message: 'internal server error' },
  unauthorized: { code: 101, message: 'unauthorized' },
  unknownChannel: { code: 102, message: 'unknown channel' },
  permissionDenied: { code: 103, message: 'permission denied' },
  methodNotFound: { code: 104, message: 'method not found' },
  alreadySubscribed: { code: 105, message: 'already subscribed' },
  limitExceeded: { code: 106, message: 'limit exceeded' },
  badRequest: { code: 107, message: 'bad request' },
  notAvailable: { code: 108, message: 'not available' },
  unrecoverablePosition: { code: 112, message: 'unrecoverable position' },
} as const

export type ReplyErrorName = keyof typeof replyErrorCodes

/**
 * Close codes. 3000–3499 let the client reconnect, 3500–3999 are terminal (the client stops).
 */
export const disconnectCodes = {
  /** The server is going away (restart): the client reconnects and recovers. */
  shutdown: { code: 3001, reason: 'shutdown' },
  /** The client does not read what it is sent: the client reconnects and recovers. */
  slow: { code: 3008, reason: 'slow' },
  /** No connect command in time, or no pong to a ping: the client reconnects. */
  noPong: { code: 3012, reason: 'no pong' },
  /** A frame that is not Centrifugo JSON, or a command before `connect`: terminal, as in Centrifugo. */
  badRequest: { code: 3501, reason: 'bad request' },
  /** The relay holds its maximum of connections: terminal. */
  connectionLimit: { code: 3504, reason: 'connection limit' },
} as const

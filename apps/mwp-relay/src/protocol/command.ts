import type { ReplyErrorName } from './centrifugoCodes.js'

/** A stream position: the offset of the last publication seen in a stream of the given epoch. */
export type StreamPosition = { offset: number; epoch: string }

/** A client command of Centrifugo's JSON protocol, validated. */
export type Command =
  | { method: 'connect'; id: number }
  | {
      method: 'subscribe'
      id: number
      channel: string
      /** Recover from `since` (the client sends `recover` with `offset` and `epoch`). */
      since: StreamPosition | undefined
      /** Fail with `unrecoverable position` instead of subscribing when recovery fails. */
      rejectUnrecovered: boolean
    }
  | { method: 'unsubscribe'; id: number; channel: string }
  | { method: 'publish'; id: number; channel: string; data: unknown; dataBytes: number }
  | {
      method: 'history'
      id: number
      channel: string
      /** `0`: position only; `-1`: everything kept. */
      limit: number
      since: StreamPosition | undefined
      reverse: boolean
    }
  /** `{}`: the answer to a server ping. */
  | { method: 'pong' }
  /** A command this relay does not serve (presence, rpc, refresh...): `not available`. */
  | { method: 'unsupported'; id: number; name: string }
  /** An asynchronous `send` (no id, no reply): dropped, this relay has no handler for it. */
  | { method: 'send' }

/** One line of a frame, parsed. */
export type ParsedLine =
  | { kind: 'command'; command: Command }
  /** A command with a usable id but bad fields: answered with an error reply. */
  | { kind: 'invalid'; id: number; error: ReplyErrorName; why: string }
  /** Not a Centrifugo command at all (not JSON, no id): the connection is closed, as Centrifugo does. */
  | { kind: 'fatal'; why: string }

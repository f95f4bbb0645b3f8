import type { DapplinkError } from '../../errors/base.js'
import type { SessionClosedError, SessionCloseReason } from '../../errors/relay.js'
import type { RelayTransportFactory, SocketIoOptions } from '../relayTransport.js'
import type { ControlMessage, JsonRpcId, JsonRpcRequest, JsonRpcResponse } from '../rpc.js'
import type { UnackedFrame } from '../secureChannel.js'
import type { RelaySessionStatus } from './sessionStatus.js'
import type { SessionTimers } from './timers.js'

/** A snapshot of a session's state; the same object until something changes. */
export type RelaySessionState = {
  readonly status: RelaySessionStatus
  /** Why the session was cleared; undefined until then. */
  readonly reason: SessionCloseReason | undefined
  /** The six-digit code both sides show once the handshake is done. */
  readonly verificationCode: string | undefined
}

/** Timing knobs shared by both sides; every wait in a session is bounded by one of them. */
export type RelayTimingOptions = {
  /** How long the handshake may take from its first frame (default 10 000 ms). */
  handshakeTimeoutMs?: number | undefined
  /** Interval of handshake re-sends and relay retries (default 1 000 ms). */
  retryIntervalMs?: number | undefined
  /** How long the peer may be away without a `pause` before the session ends (default 30 000 ms). */
  peerTimeoutMs?: number | undefined
  /** How long to wait for the relay to answer one event (default 5 000 ms). */
  relayTimeoutMs?: number | undefined
  /** The clock and timers every wait runs on (default: the real ones); tests pass fake ones. */
  timers?: SessionTimers | undefined
}

/**
 * A message from the peer: a JSON-RPC request or a `cancel` of one (to the wallet), or a response (to the
 * dapp).
 */
export type SessionEngineMessage =
  | { kind: 'request'; request: JsonRpcRequest }
  | { kind: 'response'; response: JsonRpcResponse }
  | { kind: 'cancel'; id: JsonRpcId }

/** What the role-specific parameters have in common. */
export type SessionEngineCommonParameters = RelayTimingOptions & {
  relayUrl: string
  channelId: Uint8Array
  secret: Uint8Array
  dappPublicKey: Uint8Array
  transport?: RelayTransportFactory | undefined
  socketOptions?: SocketIoOptions | undefined
  /** Every JSON-RPC request or response from the peer, once, in order. */
  onMessage: (message: SessionEngineMessage) => void
  /** Frames and events that were rejected (typed), relay errors. The session goes on. */
  onError?: ((error: DapplinkError) => void) | undefined
  /** Called once when the session is cleared. */
  onClose?: ((error: SessionClosedError) => void) | undefined
}

/** The parameters of one side: the dapp holds its ECIES secret key and relay token; the wallet neither. */
export type SessionEngineParameters = SessionEngineCommonParameters &
  (
    | { role: 'dapp'; dappSecretKey: Uint8Array; dappToken: Uint8Array }
    | { role: 'wallet'; dappSecretKey?: undefined; dappToken?: undefined }
  )

/** How `close` ends a session. */
export type SessionCloseOptions = {
  /** Leave the relay channel (else just drop the socket). */
  leave: boolean
  /** Leave without deleting the channel (a wallet leaves; the dapp owns the channel). */
  keepChannel?: boolean
  /** Seal a `terminate` for the peer first (when the handshake is done). */
  terminate?: boolean
  /** The error the session ends with (default: `SessionClosedError(reason)`). */
  error?: SessionClosedError
}

/**
 * The protocol engine both sides share (docs/protocol.md sections 3 to 7): `createRelaySession` (dapp) and
 * `pairWithDapp` in `@dapplink/wallet` are thin layers over it. An explicit type, so a change inside the
 * engine cannot silently change what the wallet package builds on.
 */
export type SessionEngine = {
  /** Connects to the relay and starts joining (idempotent). */
  start(): void
  /**
   * Seals a message and queues it for the peer. Held until the handshake is done, then sent in order.
   * Resolves with its seq once sealed and queued; rejects with `SessionClosedError` or `MessageTooLargeError`.
   */
  send(message: JsonRpcRequest | JsonRpcResponse | ControlMessage): Promise<number>
  /** Wallet: seals `pause`, waits until the relay queued it, then drops the socket (section 6). */
  pause(): Promise<void>
  /** Wallet: reconnects, re-joins, re-sends, then seals `resume`. */
  resume(): void
  /** Ends the session; every wait is bounded, so it resolves even offline. */
  close(reason: SessionCloseReason, options: SessionCloseOptions): Promise<void>
  /** Synchronous close for `pagehide`: sends a `terminate` sealed ahead of time and `leave`, then clears. */
  closeNow(reason: SessionCloseReason, presealed: UnackedFrame | undefined): void
  /** Seals a `terminate` for the next seq without committing it (see `closeNow`). */
  presealTerminate(reason: SessionCloseReason): Promise<UnackedFrame | undefined>
  /** Resolves when the handshake is done; rejects with `SessionClosedError` (e.g. `HandshakeTimeoutError`). */
  readonly handshake: Promise<void>
  /** The current snapshot. */
  getState(): RelaySessionState
  /** Calls `listener` on every change; returns the unsubscribe function. */
  watchState(listener: (state: RelaySessionState, previous: RelaySessionState) => void): () => void
  /** How many DATA frames this side has sealed (for pagehide pre-sealing). */
  readonly lastSent: number
}

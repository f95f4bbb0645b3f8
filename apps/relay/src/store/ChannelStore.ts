import type { Role } from '../protocol/relayMessages.js'

/**
 * Where the relay keeps channel records and offline queues: in memory (one node) or in Redis
 * (several nodes). Every method is atomic per channel, so two nodes can serve the same channel.
 * The record is the single source of truth for membership: a socket is a member of a channel
 * exactly while the record names its socket id for a role.
 */
export interface ChannelStore {
  readonly kind: 'memory' | 'redis'
  /**
   * Creates a channel; `exists` when it exists with the same two hashes, `conflict` otherwise. With
   * `walletSessionTokenHash` the channel is (or becomes) paired, as after `rekey`; `conflict` when it is
   * paired with another session hash already.
   */
  create(channel: string, hashes: ChannelHashes, now: number): Promise<'created' | 'exists' | 'conflict'>
  /** The stored `b64u(H(token))` of `role` as created (the pairing hash), or null when the channel does not exist. */
  tokenHash(channel: string, role: Role): Promise<string | null>
  /**
   * What a `join` as `role` is checked against: `accepted`, the hash a token must match now, and for a
   * paired wallet role `superseded`, the pairing token's hash (refused with `pairing_used`). Null when the
   * channel does not exist.
   */
  joinHashes(channel: string, role: Role): Promise<JoinHashes | null>
  /**
   * Pairs the channel: from now on the wallet role is joined with the token whose hash is
   * `walletSessionTokenHash` only (docs/protocol.md section 3, `rekey`). `socketId` must hold the dapp role.
   * Idempotent with the same hash; `conflict` with another one.
   */
  rekey(channel: string, socketId: string, walletSessionTokenHash: string, now: number): Promise<RekeyResult>
  /**
   * Makes `socketId` the holder of `role` (the caller has checked the token against
   * `verifiedHash`, which must still be the accepted hash, see `joinHashes`). Returns the socket it replaced and the
   * peer's socket.
   */
  claim(
    channel: string,
    role: Role,
    socketId: string,
    verifiedHash: string,
    now: number,
  ): Promise<ClaimResult>
  /** Queues `frame` from the member `socketId` for the other role, with the next id. */
  enqueue(channel: string, socketId: string, frame: Buffer, now: number): Promise<EnqueueResult>
  /** Deletes the frames with an id ≤ `id` from the queue of the role `socketId` holds. */
  ack(channel: string, socketId: string, id: number): Promise<'ok' | 'unknown_channel' | 'not_member'>
  /**
   * Up to `max` queued frames with an id > `afterId` for the role `socketId` holds, oldest first;
   * null when the socket holds no role in the channel (or the channel is gone).
   */
  pending(
    channel: string,
    socketId: string,
    afterId: number,
    now: number,
    max: number,
  ): Promise<QueuedFrame[] | null>
  /** Ends `socketId`'s membership (leave, disconnect); the channel and its queues stay. */
  release(channel: string, socketId: string): Promise<MemberResult>
  /**
   * Deletes the channel if `socketId` is a member (leave with close). Returns, in `peerQueue`, up to 64 frames
   * still queued for the peer (oldest first), so the relay delivers them before it tells the peer `closed`.
   */
  remove(channel: string, socketId: string): Promise<MemberResult>
  /** Deletes channels past their half-open or idle deadline; returns their members' sockets. */
  sweep(now: number, max: number): Promise<ExpiredChannel[]>
  /** Number of channels, when the store can count them cheaply (memory), else null. */
  countChannels(): Promise<number | null>
  /** Bytes queued in this process (memory store), or null when the queues live elsewhere (Redis). */
  queuedBytes(): number | null
  /** Whether the backing storage is reachable. */
  healthy(): boolean
  close(): Promise<void>
}

export type ChannelHashes = {
  dappTokenHash: string
  walletTokenHash: string
  /** `b64u(H(Tw'))`: set once the channel is paired (docs/protocol.md section 3). */
  walletSessionTokenHash?: string | undefined
}

export type JoinHashes = {
  accepted: string
  superseded: string | null
  /** Whether a socket holds the other role (told to a wallet refused `pairing_used`: busy or gone dapp). */
  peerPresent: boolean
}

export type RekeyResult = 'ok' | 'unknown_channel' | 'not_member' | 'conflict'

/** Bounds of the offline queue of one role in one channel, and channel expiry. */
export type StorePolicy = {
  queueMaxFrames: number
  queueMaxBytes: number
  queueTtlMs: number
  halfOpenTtlMs: number
  idleTtlMs: number
}

export type QueuedFrame = { id: number; frame: Buffer }

export type ClaimResult =
  | { status: 'unknown_channel' | 'unauthorized' | 'holds_other_role' }
  | { status: 'ok'; previous: string | null; peer: string | null }

export type EnqueueResult =
  | { status: 'unknown_channel' | 'not_member' | 'queue_full' }
  | { status: 'ok'; id: number; recipient: Role; recipientSocket: string | null }

export type MemberResult =
  | { status: 'unknown_channel' | 'not_member' }
  | { status: 'ok'; role: Role; peer: string | null; peerQueue?: QueuedFrame[] }

export type ExpiredChannel = { channel: string; sockets: string[] }

/**
 * When a channel expires: `idleTtlMs` after its last activity, or `halfOpenTtlMs` after its
 * creation while no wallet has joined yet.
 */
export function channelDeadline(
  record: { createdAt: number; lastActivityAt: number; walletJoined: boolean },
  policy: Pick<StorePolicy, 'halfOpenTtlMs' | 'idleTtlMs'>,
): number {
  const idle = record.lastActivityAt + policy.idleTtlMs
  return record.walletJoined ? idle : Math.min(idle, record.createdAt + policy.halfOpenTtlMs)
}

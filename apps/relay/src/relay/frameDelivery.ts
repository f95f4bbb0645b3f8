import type { Server, Socket } from 'socket.io'
import type { Logger } from '../logging/logger.js'
import type { ChannelStore } from '../store/ChannelStore.js'

/** Server-to-server event (through the Redis adapter): "a frame is queued for this socket". */
export const wakeEvent = 'dapplink:wake'

/** Frames read from the store per delivery round. */
const deliveryBatch = 64

/** Delivery state of one socket's membership in one channel. */
export type DeliveryCursor = {
  /** Highest frame id delivered to this socket. */
  cursor: number
  /** Bumped by every join: a delivery round started before it must not move the cursor. */
  generation: number
  /** True while a join is being answered: frames wait until the join's answer is sent. */
  hold: boolean
  running: boolean
  again: boolean
}

/** A socket on this node and its delivery state per channel. */
export type DeliveryTarget = { socket: Socket; memberships: Map<string, DeliveryCursor> }

export type FrameDeliveryParameters = {
  io: Server
  store: ChannelStore
  log: Logger
  now: () => number
  /** Registers a running delivery round (so `settle` can wait for it). */
  track: (promise: Promise<unknown>) => void
  /** The socket with this id, when it is on this node. */
  localTarget: (socketId: string) => DeliveryTarget | undefined
}

export type FrameDelivery = ReturnType<typeof createFrameDelivery>

/**
 * Per-socket delivery of queued frames (docs/protocol.md section 3, "Offline queue"): frames reach a socket
 * only through `deliver`, run on the node that holds the socket, which reads the queue past the socket's
 * cursor, so order holds even when the sender is on another node. A join holds delivery until its answer
 * is sent, then replays the whole queue.
 */
export function createFrameDelivery(parameters: FrameDeliveryParameters) {
  const { io, store, log, now, track, localTarget } = parameters

  const cursorOf = (target: DeliveryTarget, channel: string): DeliveryCursor => {
    let cursor = target.memberships.get(channel)
    if (!cursor) {
      cursor = { cursor: 0, generation: 0, hold: false, running: false, again: false }
      target.memberships.set(channel, cursor)
    }
    return cursor
  }

  const deliver = (target: DeliveryTarget, channel: string) => {
    const membership = cursorOf(target, channel)
    if (membership.hold || membership.running) {
      membership.again = true
      return
    }
    membership.running = true
    track(deliveryRounds(target, channel, membership))
  }

  const deliveryRounds = async (target: DeliveryTarget, channel: string, membership: DeliveryCursor) => {
    try {
      do {
        membership.again = false
        const generation = membership.generation
        const frames = await store.pending(channel, target.socket.id, membership.cursor, now(), deliveryBatch)
        if (frames === null) {
          // Not (or no longer) a member: forget the delivery state unless a join is under way.
          if (!membership.hold && target.memberships.get(channel) === membership)
            target.memberships.delete(channel)
          return
        }
        if (generation !== membership.generation || membership.hold) {
          membership.again = true
          if (membership.hold) return
          continue
        }
        for (const { id, frame } of frames) target.socket.emit('frame', { channel, id, frame })
        if (frames.length > 0) membership.cursor = frames[frames.length - 1]!.id
        if (frames.length === deliveryBatch) membership.again = true
      } while (membership.again && target.socket.connected)
    } catch (error) {
      log.warn('delivery_failed', { channel, error: errorName(error) })
    } finally {
      membership.running = false
    }
  }

  /** A frame is queued for `socketId`: deliver here, or ask the node that holds the socket. */
  const wake = (socketId: string, channel: string) => {
    const local = localTarget(socketId)
    if (local) {
      deliver(local, channel)
      return
    }
    if (store.kind === 'redis') io.serverSideEmit(wakeEvent, channel, socketId)
  }

  io.on(wakeEvent, (channel: unknown, socketId: unknown) => {
    if (typeof channel !== 'string' || typeof socketId !== 'string') return
    const local = localTarget(socketId)
    if (local) deliver(local, channel)
  })

  return {
    deliver,
    wake,
    /** A join starts: delivery waits. Returns what `endJoin` needs. */
    beginJoin(target: DeliveryTarget, channel: string) {
      const existed = target.memberships.has(channel)
      const membership = cursorOf(target, channel)
      membership.hold = true
      return { membership, existed }
    },
    /** The join was answered: replay the whole queue (the member may have lost frames it never acked). */
    joined(target: DeliveryTarget, channel: string, membership: DeliveryCursor) {
      membership.hold = false
      membership.generation++
      membership.cursor = 0
      deliver(target, channel)
    },
    /** The join was refused: release the hold (and forget a state the join created). */
    refused(target: DeliveryTarget, channel: string, membership: DeliveryCursor, existed: boolean) {
      membership.hold = false
      if (!existed) target.memberships.delete(channel)
      else if (membership.again) deliver(target, channel)
    },
  }
}

const errorName = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : typeof error

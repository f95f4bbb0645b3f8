import type { Server as HttpServer } from 'node:http'
import type { Server } from 'socket.io'
import type { ChannelStore } from '../store/ChannelStore.js'
import type { RelayClock } from './relayClock.js'

/** What a node's shutdown closes, in order. */
export type ShutdownRelayParameters = {
  io: Server
  httpServer: HttpServer
  /** Resolves when every running event handler (disconnect clean-up included) is done. */
  settleHandlers: () => Promise<void>
  store: Pick<ChannelStore, 'close'>
  redis: {
    commands: { quit(): Promise<unknown>; disconnect(): void }
    subscriber: { quit(): Promise<unknown>; disconnect(): void }
  } | null
  clock: RelayClock
  /** After this long, each remaining step stops waiting for handlers, socket.io and Redis to finish. */
  shutdownTimeoutMs: number
}

/**
 * Closes a relay node in bounded time: disconnects its sockets (so their peers, maybe on other nodes,
 * hear `peer` absent), waits for the running handlers, closes socket.io, the HTTP server, the store and
 * Redis. The deadline runs on the relay's clock, so a test drives it with a manual clock.
 */
export async function shutdownRelay(parameters: ShutdownRelayParameters): Promise<void> {
  const { io, httpServer, store, redis, clock } = parameters
  let cancelDeadline = () => {}
  const deadline = new Promise<void>((resolve) => {
    cancelDeadline = clock.after(parameters.shutdownTimeoutMs, resolve)
  })
  try {
    io.local.disconnectSockets(true)
    await Promise.race([parameters.settleHandlers(), deadline])
    const ioClosed = io.close().catch(() => {})
    httpServer.closeAllConnections()
    await Promise.race([ioClosed, deadline])
    await store.close()
    if (redis) {
      await Promise.race([Promise.allSettled([redis.commands.quit(), redis.subscriber.quit()]), deadline])
      redis.commands.disconnect()
      redis.subscriber.disconnect()
    }
  } finally {
    cancelDeadline()
  }
}

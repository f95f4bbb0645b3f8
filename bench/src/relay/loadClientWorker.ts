// A client process of the scale run: opens idle relay sessions (two sockets each), reports, holds them until
// told to close. It exits by itself after its lifetime bound, so nothing outlives the bench.
import type { Socket } from 'socket.io-client'
import { openChannelPair } from './protocolClient.js'

/** What the parent sends. */
export type WorkerCommand =
  | {
      type: 'open'
      dappUrl: string
      walletUrl: string
      sessions: number
      concurrency: number
      lifetimeMs: number
    }
  | { type: 'close' }

/** What the worker reports. */
export type WorkerReport =
  | { type: 'opened'; opened: number; failed: number; firstError: string | undefined; ms: number }
  | { type: 'closed' }

const sockets: Socket[] = []
const send = (report: WorkerReport) => process.send?.(report)

async function open(command: Extract<WorkerCommand, { type: 'open' }>): Promise<void> {
  setTimeout(() => process.exit(3), command.lifetimeMs).unref()
  const started = performance.now()
  let next = 0
  let opened = 0
  let failed = 0
  let firstError: string | undefined
  const lane = async () => {
    while (next < command.sessions) {
      next++
      try {
        const pair = await openChannelPair(command.dappUrl, command.walletUrl)
        sockets.push(pair.dapp, pair.wallet)
        opened++
      } catch (error) {
        failed++
        firstError ??= error instanceof Error ? error.message : String(error)
        // A refused connection usually means a limit was hit: stop early rather than hammer the node.
        if (failed > 20) return
      }
    }
  }
  await Promise.all(Array.from({ length: command.concurrency }, lane))
  send({ type: 'opened', opened, failed, firstError, ms: performance.now() - started })
}

process.on('message', (command: WorkerCommand) => {
  if (command.type === 'open') void open(command)
  if (command.type === 'close') {
    for (const socket of sockets) socket.close()
    send({ type: 'closed' })
    setTimeout(() => process.exit(0), 100)
  }
})
process.on('disconnect', () => process.exit(0))

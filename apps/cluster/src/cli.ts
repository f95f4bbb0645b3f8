#!/usr/bin/env node
import { parseClusterArgs } from './config/parseClusterArgs.js'
import { startCluster } from './startCluster.js'

// One JSON line per event on stdout, so scripts can wait for "listening" and read the url.
function log(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

async function main(): Promise<void> {
  const args = parseClusterArgs(process.argv.slice(2), process.env)
  const cluster = await startCluster(args)
  log({ msg: 'listening', url: cluster.url })
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    cluster.close().then(
      () => {
        log({ msg: 'stopped', signal })
        process.exit(0)
      },
      (error: unknown) => {
        process.stderr.write(`${JSON.stringify({ msg: 'stop failed', error: String(error) })}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => stop('SIGTERM'))
  process.once('SIGINT', () => stop('SIGINT'))
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`${JSON.stringify({ msg: 'failed to start', error: message })}\n`)
  process.exit(1)
})

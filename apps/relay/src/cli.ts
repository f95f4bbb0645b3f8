#!/usr/bin/env node
import { relaySettingNames, resolveRelayConfig } from './config/relayConfig.js'
import { RelayError } from './errors/RelayError.js'
import { createLogger } from './logging/logger.js'
import { startRelay } from './relay/startRelay.js'

// Usage: node dist/cli.js [--port 8787] [--host 127.0.0.1] [--redis-url redis://...] ...
// Every flag mirrors an env var (MAX_FRAME_BYTES ↔ --max-frame-bytes); flags win.

const fail = (error: unknown, code: number) => {
  const message = error instanceof RelayError ? error.message : String(error)
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'relay_failed', error: message })}\n`,
  )
  process.exit(code)
}

async function main() {
  const argv = process.argv.slice(2)
  if (argv.includes('--help') || argv.includes('-h')) {
    const lines = relaySettingNames.map(({ env, flag }) => `  ${flag.padEnd(32)} ${env}`)
    process.stdout.write(`dapplink relay\n\nOptions (flag, env var):\n${lines.join('\n')}\n`)
    return
  }
  let config: ReturnType<typeof resolveRelayConfig>
  try {
    config = resolveRelayConfig({ env: process.env, argv })
  } catch (error) {
    return fail(error, 2)
  }
  const log = createLogger({ level: config.logLevel })
  let relay: Awaited<ReturnType<typeof startRelay>> | undefined
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('shutdown', { signal })
    // Bounded: a hung close must not keep the process alive past the timeout.
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 2_000)
    force.unref()
    if (!relay) return // still starting: the start-up code below closes it
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  // Last line of defence: a stray rejection (a library promise nobody awaited) is logged, and the
  // relay keeps serving instead of dying with every session on it.
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled_rejection', { error: reason instanceof Error ? reason.name : typeof reason })
  })
  // Registered before the listening line: a supervisor may signal as soon as it reads it.
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))

  relay = await startRelay({ ...config, logger: log }).catch((error) => fail(error, 1))
  if (!relay) return
  if (stopping) {
    await relay.close()
    process.exit(0)
  }
  // The one line scripts and tests wait for; printed whatever the log level.
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', msg: 'listening', url: relay.url, port: relay.port, pid: process.pid })}\n`,
  )
}

void main()

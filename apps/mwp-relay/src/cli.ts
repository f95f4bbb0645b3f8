#!/usr/bin/env node
import { cliSettings, resolveCliOptions } from './config/cliOptions.js'
import { MwpRelayError } from './errors/MwpRelayError.js'
import { type MwpRelay, startMwpRelay } from './server/startMwpRelay.js'

// Usage: node dist/cli.js [--port 8790] [--host 127.0.0.1] [--history-size 20] ...
// A local stand-in for MetaMask's hosted relay, for development and tests only.

const log = (level: 'info' | 'error', msg: string, fields: Record<string, unknown> = {}) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })
  ;(level === 'error' ? process.stderr : process.stdout).write(`${line}\n`)
}

async function main() {
  const argv = process.argv.slice(2)
  if (argv.includes('--help') || argv.includes('-h')) {
    const lines = cliSettings.map(({ flag, env }) => `  ${flag.padEnd(28)} ${env}`)
    process.stdout.write(
      `dapplink MWP relay (Centrifugo-compatible, for development and tests)\n\nOptions (flag, env var):\n${lines.join('\n')}\n`,
    )
    return
  }
  let relay: MwpRelay
  try {
    relay = await startMwpRelay(resolveCliOptions({ env: process.env, argv }))
  } catch (error) {
    log('error', 'relay_failed', { error: error instanceof MwpRelayError ? error.message : String(error) })
    process.exit(error instanceof MwpRelayError ? 2 : 1)
  }
  const stop = () => {
    const force = setTimeout(() => process.exit(1), 5_000)
    force.unref()
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  // The one line scripts and tests wait for.
  log('info', 'listening', { url: relay.url, port: relay.port, pid: process.pid })
}

void main()

import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** A relay CLI process started by `spawnRelay`. */
export type SpawnedRelay = {
  /** Base URL for socket.io clients, from the relay's `listening` line. */
  url: string
  port: number
  child: ChildProcess
  /** stdout and stderr lines so far (the last 2,000), e.g. to check the logs. */
  lines: string[]
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Graceful stop: SIGTERM, waits for exit (SIGKILL after `timeoutMs`, default 10 s). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Hard kill (SIGKILL), e.g. to test a relay restart; resolves once the process is gone. */
  kill(): Promise<void>
}

export type SpawnRelayOptions = {
  /** Extra env vars (PORT is 0 and LOG_LEVEL is warn unless given here; REDIS_URL for Redis mode). */
  env?: Record<string, string>
  /** Extra CLI flags, e.g. `['--queue-ttl-ms', '500']`. */
  args?: string[]
  /** How long to wait for the `listening` line. Default 10 s. */
  timeoutMs?: number
}

/** Path of the built CLI (`apps/relay/dist/cli.js`). */
export const relayCliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

/**
 * Spawns the built relay CLI (`node apps/relay/dist/cli.js`) on a free port and resolves once it
 * prints its `listening` line. Build the relay first (`pnpm --filter @dapplink-app/relay build`).
 *
 * @example
 * const relay = await spawnRelay({ env: { QUEUE_TTL_MS: '1000' } })
 * const socket = io(relay.url)
 * await relay.stop()
 */
export async function spawnRelay(options: SpawnRelayOptions = {}): Promise<SpawnedRelay> {
  if (!existsSync(relayCliPath)) {
    throw new Error(
      `${relayCliPath} does not exist: build the relay first (pnpm --filter @dapplink-app/relay build).`,
    )
  }
  const timeoutMs = options.timeoutMs ?? 10_000
  const child = spawn(process.execPath, [relayCliPath, ...(options.args ?? [])], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', REDIS_URL: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const listening = new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`The relay printed no listening line within ${timeoutMs} ms:\n${lines.join('\n')}`))
    }, timeoutMs)
    const onLine = (line: string) => {
      lines.push(line)
      if (lines.length > 2_000) lines.shift()
      if (!line.includes('"listening"')) return
      try {
        const parsed = JSON.parse(line) as { msg?: string; url?: string; port?: number }
        if (parsed.msg === 'listening' && parsed.url && parsed.port !== undefined) {
          clearTimeout(timer)
          resolve({ url: parsed.url, port: parsed.port })
        }
      } catch {
        // Not JSON: an ordinary output line.
      }
    }
    for (const stream of [child.stdout, child.stderr]) {
      let rest = ''
      stream?.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString()).split('\n')
        rest = parts.pop() ?? ''
        for (const part of parts) onLine(part)
      })
    }
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(
        new Error(`The relay exited (code ${code}, signal ${signal}) before listening:\n${lines.join('\n')}`),
      )
    })
  })
  const { url, port } = await listening
  const stop = async (stopTimeoutMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs)
      const result = await exited
      clearTimeout(timer)
      return result
    }
    return exited
  }
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  }
  return { url, port, child, lines, exited, stop, kill }
}

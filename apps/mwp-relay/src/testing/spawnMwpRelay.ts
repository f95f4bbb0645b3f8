import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** An MWP relay CLI process started by {@link spawnMwpRelay}. */
export type SpawnedMwpRelay = {
  /** `ws://127.0.0.1:PORT/connection/websocket`, from the relay's `listening` line. */
  url: string
  port: number
  child: ChildProcess
  /** stdout and stderr lines so far (the last 2,000). */
  lines: string[]
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Graceful stop (SIGTERM; SIGKILL after `timeoutMs`, default 10 s). Idempotent. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Hard kill (SIGKILL), e.g. to test a relay that drops; resolves once the process is gone. */
  kill(): Promise<void>
}

export type SpawnMwpRelayOptions = {
  /** Extra CLI flags, e.g. `['--history-size', '5']`. */
  args?: string[]
  /** Extra env vars (PORT is 0 unless given here). */
  env?: Record<string, string>
  /** How long to wait for the `listening` line. Default 10 s. */
  timeoutMs?: number
}

/** Path of the built CLI (`apps/mwp-relay/dist/cli.js`), from the sources or from `dist/testing.js`. */
export const mwpRelayCliPath = fileURLToPath(
  import.meta.url.includes('/src/testing/')
    ? new URL('../../dist/cli.js', import.meta.url)
    : new URL('./cli.js', import.meta.url),
)

/**
 * Spawns the real relay process (`node apps/mwp-relay/dist/cli.js`) on an ephemeral port of
 * 127.0.0.1 and resolves once it prints its `listening` line. Build the relay first.
 *
 * @example
 * const relay = await spawnMwpRelay()
 * const client = new Centrifuge(relay.url, { websocket: WebSocket })
 * await relay.stop()
 */
export async function spawnMwpRelay(options: SpawnMwpRelayOptions = {}): Promise<SpawnedMwpRelay> {
  if (!existsSync(mwpRelayCliPath)) {
    throw new Error(
      `${mwpRelayCliPath} does not exist: build the relay first (pnpm --filter @dapplink-app/mwp-relay build).`,
    )
  }
  const timeoutMs = options.timeoutMs ?? 10_000
  const child = spawn(process.execPath, [mwpRelayCliPath, ...(options.args ?? [])], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const listening = new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(`The MWP relay printed no listening line within ${timeoutMs} ms:\n${lines.join('\n')}`),
      )
    }, timeoutMs)
    for (const stream of [child.stdout, child.stderr]) {
      let rest = ''
      stream?.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString()).split('\n')
        rest = parts.pop() ?? ''
        for (const line of parts) {
          lines.push(line)
          if (lines.length > 2_000) lines.shift()
          if (!line.includes('"listening"')) continue
          try {
            const parsed = JSON.parse(line) as { url?: string; port?: number }
            if (parsed.url && parsed.port !== undefined) {
              clearTimeout(timer)
              resolve({ url: parsed.url, port: parsed.port })
            }
          } catch {
            // Not a JSON line.
          }
        }
      })
    }
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(
        new Error(
          `The MWP relay exited (code ${code}, signal ${signal}) before listening:\n${lines.join('\n')}`,
        ),
      )
    })
  })
  const { url, port } = await listening
  const running = () => child.exitCode === null && child.signalCode === null
  const stop = async (stopTimeoutMs = 10_000) => {
    if (running()) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs)
      const result = await exited
      clearTimeout(timer)
      return result
    }
    return exited
  }
  const kill = async () => {
    if (running()) child.kill('SIGKILL')
    await exited
  }
  return { url, port, child, lines, exited, stop, kill }
}

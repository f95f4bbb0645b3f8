import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A server process the bench started; `stop` is idempotent and bounded. */
export type ServerProcess = {
  url: string
  port: number
  pid: number
  child: ChildProcess
  stop(): Promise<void>
}

const require = createRequire(import.meta.url)

/** `apps/relay/dist/cli.js`, resolved through the workspace dependency. */
export const relayCliPath = join(
  dirname(require.resolve('@dapplink-app/relay/package.json')),
  'dist',
  'cli.js',
)

/** The bare socket.io forwarder (baseline), built next to this file's bundle. */
export const bareRelayPath = join(dirname(fileURLToPath(import.meta.url)), 'bareRelayServer.js')

/**
 * Relay settings for every bench run: all load comes from 127.0.0.1, so the per-IP limits (connections,
 * `create`, `join`) and the per-socket event limit are raised far above the load; nothing else changes.
 */
export const benchRelayEnv: Record<string, string> = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'warn',
  RATE_SOCKET_EVENTS_PER_SEC: '1000000',
  RATE_SOCKET_EVENTS_BURST: '1000000',
  RATE_IP_CONNECTIONS_PER_SEC: '1000000',
  RATE_IP_CONNECTIONS_BURST: '1000000',
  RATE_IP_CREATES_PER_SEC: '1000000',
  RATE_IP_CREATES_BURST: '1000000',
  RATE_IP_JOINS_PER_SEC: '1000000',
  RATE_IP_JOINS_BURST: '1000000',
}

/**
 * Starts a Node script as a server through `sh`, with `ulimit -n` raised to the hard limit first, and waits
 * for its one `{"msg":"listening","port":...}` line (the relay's start line; the bare forwarder prints the same).
 */
export function spawnServer(
  script: string,
  env: Record<string, string>,
  options: { timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 15_000
  const nodeArgs = (options.nodeArgs ?? []).join(' ')
  const child = spawn('sh', ['-c', `ulimit -n "$(ulimit -Hn)"; exec node ${nodeArgs} "$0"`, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const stop = async () => {
    if (exited) return
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await gone
    clearTimeout(timer)
  }
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`${script} did not print its listening line within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000)
      for (const line of output.split('\n')) {
        if (!line.includes('"listening"')) continue
        try {
          const { port } = JSON.parse(line) as { port: number }
          clearTimeout(timer)
          child.stdout?.off('data', onData)
          child.stdout?.resume()
          resolve({ url: `http://127.0.0.1:${port}`, port, pid: child.pid!, child, stop })
          return
        } catch {
          // A partial line: wait for the rest.
        }
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with code ${code} before listening:\n${output}`))
    })
  })
}

/** Resident set size of a process, from /proc (bytes). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) * 1024 : Number.NaN
}

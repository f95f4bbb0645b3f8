import { type ChildProcess, spawn } from 'node:child_process'
import { connect, createServer } from 'node:net'

/** A throwaway `redis-server` for tests. */
export type RedisServerHandle = {
  /** `redis://127.0.0.1:<port>` */
  url: string
  port: number
  /** Stops the server (SIGTERM, then SIGKILL after a bound). Idempotent. */
  stop(): Promise<void>
  /** Suspends the process (SIGSTOP): connections stay open and nothing is answered, a hung Redis. */
  freeze(): void
  /** Resumes a frozen server (SIGCONT). */
  thaw(): void
}

export type StartRedisServerOptions = {
  /** The binary; default `$REDIS_SERVER_BIN` or `redis-server` on the PATH. */
  bin?: string
  /** How long to wait for the server to answer PING. Default 10 s. */
  timeoutMs?: number
}

/**
 * Spawns `redis-server` on a free port of 127.0.0.1 with no persistence and waits until it
 * answers PING. Rejects with a clear message when the binary is missing: tests that need Redis
 * must fail, not skip.
 *
 * @example
 * const redis = await startRedisServer()
 * afterAll(() => redis.stop())
 */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServerHandle> {
  const bin = options.bin ?? process.env['REDIS_SERVER_BIN'] ?? 'redis-server'
  const timeoutMs = options.timeoutMs ?? 10_000
  let lastError: unknown
  // Another process may grab the free port between probing and binding: try a few ports.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    try {
      return await launch(bin, port, timeoutMs)
    } catch (error) {
      lastError = error
      if (error instanceof Error && error.message.includes('not found')) throw error
    }
  }
  throw lastError
}

async function launch(bin: string, port: number, timeoutMs: number): Promise<RedisServerHandle> {
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve(
        error.code === 'ENOENT'
          ? new Error(
              `redis-server not found (${bin}). The Redis tests need a real Redis: install it with ` +
                '`apt-get install -y redis-server`, or set REDIS_SERVER_BIN to its path.',
            )
          : error,
      )
    })
    child.once('exit', (code, signal) => {
      resolve(new Error(`redis-server exited early (code ${code}, signal ${signal}):\n${output}`))
    })
  })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ready = await Promise.race([ping(port).then((ok) => ({ ok })), exited.then((error) => ({ error }))])
    if ('error' in ready) throw ready.error
    if (ready.ok) break
    if (Date.now() > deadline) {
      await stopChild(child)
      throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  let stopped: Promise<void> | null = null
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => {
      // A frozen process would not act on SIGTERM until resumed.
      child.kill('SIGCONT')
      stopped ??= stopChild(child)
      return stopped
    },
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
  await exited
  clearTimeout(timer)
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** Whether a Redis server answers `PING` with `+PONG` on 127.0.0.1:port. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    let answer = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      answer += chunk.toString()
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'))
    })
  })
}

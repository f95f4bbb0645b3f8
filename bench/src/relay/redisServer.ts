import { spawn } from 'node:child_process'
import { connect, createServer } from 'node:net'

/** A throwaway redis-server on 127.0.0.1 (no persistence) for the scale-out run. */
export type RedisProcess = { url: string; port: number; pid: number; stop(): Promise<void> }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Sends one inline command and resolves with the raw reply (enough for PING and INFO). */
export function redisCommand(port: number, command: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let reply = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`redis ${command}: no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      const bulk = /^\$(\d+)\r\n/.exec(reply)
      if (
        reply.startsWith('+') ||
        reply.startsWith('-') ||
        (bulk && reply.length >= bulk[0].length + Number(bulk[1]))
      ) {
        clearTimeout(timer)
        socket.end()
        resolve(reply)
      }
    })
    socket.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.write(`${command}\r\n`)
  })
}

/** `used_memory` from `INFO memory`, in bytes. */
export async function redisUsedMemory(port: number): Promise<number> {
  const info = await redisCommand(port, 'INFO memory')
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN)
}

/** Starts `redis-server` ($REDIS_SERVER_BIN or /usr/bin/redis-server) on a free port and waits for PING. */
export async function startRedis(): Promise<RedisProcess> {
  const bin = process.env['REDIS_SERVER_BIN'] ?? '/usr/bin/redis-server'
  const port = await freePort()
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  )
  let exited = false
  child.once('exit', () => {
    exited = true
  })
  const stop = async () => {
    if (exited) return
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await gone
    clearTimeout(timer)
  }
  const deadline = Date.now() + 10_000
  for (;;) {
    if (exited) throw new Error(`${bin} exited at start (is redis-server installed? set REDIS_SERVER_BIN)`)
    try {
      if ((await redisCommand(port, 'PING', 500)).startsWith('+PONG')) break
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${bin} did not answer PING within 10 s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid!, stop }
}

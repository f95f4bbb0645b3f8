import { type ChildProcess, spawn } from 'node:child_process'

/** A process started for the tests, stopped by PID in teardown. */
export type Service = {
  name: string
  child: ChildProcess
  /** The last lines it printed, for the failure message. */
  output(): string
}

export type StartServiceParameters = {
  name: string
  args: string[]
  cwd: string
  env?: Record<string, string>
}

/** Starts `node <args>` and keeps its output (bounded) for diagnostics. */
export function startService({ name, args, cwd, env = {} }: StartServiceParameters): Service {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return { name, child, output: () => output }
}

/** Resolves with the first stdout JSON line `{ msg: 'listening', url }` (relay and cluster CLIs print one). */
export function waitForListeningLine(service: Service, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(
      () => fail(new Error(`${service.name} printed no "listening" line within ${timeoutMs} ms.`)),
      timeoutMs,
    )
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        try {
          const parsed = JSON.parse(line) as { msg?: unknown; url?: unknown }
          if (parsed.msg === 'listening' && typeof parsed.url === 'string') {
            cleanup()
            resolve(parsed.url)
            return
          }
        } catch {
          // Not a JSON line: ignore.
        }
      }
    }
    const onExit = (code: number | null) =>
      fail(new Error(`${service.name} exited with code ${code} before listening:\n${service.output()}`))
    const cleanup = () => {
      clearTimeout(timer)
      service.child.stdout?.off('data', onData)
      service.child.off('exit', onExit)
    }
    const fail = (error: Error) => {
      cleanup()
      reject(error)
    }
    service.child.stdout?.on('data', onData)
    service.child.once('exit', onExit)
  })
}

/** Polls `url` until it answers 200 with a body containing `expect`. */
export async function waitForHttp(service: Service, url: string, expect: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited with code ${service.child.exitCode}:\n${service.output()}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      if (response.ok && (await response.text()).includes(expect)) return
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${service.name} did not serve ${url} within ${timeoutMs} ms:\n${service.output()}`)
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopService(service: Service, graceMs = 5_000): Promise<void> {
  const { child } = service
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

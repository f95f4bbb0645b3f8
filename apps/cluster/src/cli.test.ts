import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { Connection, Keypair, LAMPORTS_PER_SOL } from '@solana/web3.js'
import { afterEach, describe, expect, it } from 'vitest'

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const children: ChildProcess[] = []

function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  const lines: Record<string, unknown>[] = []
  const waiters: (() => void)[] = []
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(JSON.parse(line))
    for (const wake of waiters.splice(0)) wake()
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  async function nextLine(timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs
    while (lines.length === 0) {
      if (Date.now() > deadline) throw new Error(`no output from the CLI; stderr: ${stderr}`)
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 100)
      })
    }
    return lines.shift()!
  }
  return { child, nextLine, exited, stderr: () => stderr }
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

describe('the built CLI (node dist/cli.js)', () => {
  it('is built', () => {
    expect(existsSync(cliPath)).toBe(true)
  })

  it('prints one listening line, funds FUND accounts, serves web3.js and stops on SIGTERM', async () => {
    const demo = Keypair.generate()
    const cli = startCli(['--port', '0'], { FUND: `${demo.publicKey.toBase58()}:12.5` })
    const listening = await cli.nextLine()
    expect(listening).toEqual({ msg: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) })

    const connection = new Connection(listening['url'] as string, 'confirmed')
    expect(await connection.getBalance(demo.publicKey)).toBe(12.5 * LAMPORTS_PER_SOL)

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
    expect(await cli.nextLine()).toEqual({ msg: 'stopped', signal: 'SIGTERM' })
  })

  it('exits with 1 and a JSON error line on a bad FUND value', async () => {
    const cli = startCli(['--port', '0'], { FUND: 'nobody:1' })
    expect(await cli.exited).toBe(1)
    const error = JSON.parse(cli.stderr().trim())
    expect(error).toMatchObject({ msg: 'failed to start' })
    expect(error.error).toMatch(/base58 public key/)
  })
})

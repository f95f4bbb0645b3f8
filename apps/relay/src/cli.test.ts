import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { relayCliPath, type SpawnedRelay, spawnRelay } from './testing/spawnRelay.js'
import { call, connectClient, fakeFrame, newChannel, recorder } from './testing/testClient.js'

const running: SpawnedRelay[] = []
afterEach(async () => {
  for (const relay of running.splice(0)) await relay.kill()
})

describe('relay CLI (node dist/cli.js)', () => {
  it('listens on PORT=0, prints its URL, relays frames, serves /health and stops on SIGTERM with exit 0', async () => {
    const relay = await spawnRelay({ env: { LOG_LEVEL: 'info' }, args: ['--max-frame-bytes', '2048'] })
    running.push(relay)
    expect(relay.url).toBe(`http://127.0.0.1:${relay.port}`)
    expect(relay.port).toBeGreaterThan(0)
    const health = await (await fetch(`${relay.url}/health`)).json()
    expect(health).toMatchObject({ status: 'ok', sockets: 0, store: 'memory' })

    const c = newChannel()
    const dapp = await connectClient(relay.url)
    const wallet = await connectClient(relay.url)
    const frames = recorder(wallet, 'frame')
    await call(dapp, 'create', c.create)
    await call(dapp, 'join', c.joinDapp)
    await call(wallet, 'join', c.joinWallet)
    expect((await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(2_049) })).error?.code).toBe(
      'frame_too_large',
    )
    expect(await call(dapp, 'send', { channel: c.channel, frame: fakeFrame(2_048) })).toEqual({
      ok: true,
      id: 1,
    })
    await frames.waitFor(1)

    const disconnected = new Promise<string>((resolve) => wallet.once('disconnect', resolve))
    const started = Date.now()
    const exit = await relay.stop()
    expect(exit).toEqual({ code: 0, signal: null })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(await disconnected).toBe('io server disconnect')
    dapp.disconnect()
    const messages = relay.lines.map((line) => JSON.parse(line).msg)
    expect(messages).toEqual(
      expect.arrayContaining(['listening', 'channel_created', 'shutdown', 'relay_stopped']),
    )
    // Info logs carry no token and no client IP.
    expect(relay.lines.filter((l) => l.includes(c.walletToken) || l.includes(c.dappToken))).toEqual([])
    expect(relay.lines.filter((l) => l.includes('"ip"'))).toEqual([])
  })

  it('prints the listening line at any log level and stops on SIGINT', async () => {
    const relay = await spawnRelay({ env: { LOG_LEVEL: 'silent' } })
    running.push(relay)
    expect(relay.lines).toHaveLength(1)
    relay.child.kill('SIGINT')
    expect(await relay.exited).toEqual({ code: 0, signal: null })
  })

  it('exits with code 2 and a clear message on a bad setting', async () => {
    const child = spawn(process.execPath, [relayCliPath, '--port', 'eighty'], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const code = await new Promise((resolve) => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(JSON.parse(stderr.trim()).error).toContain('--port must be a whole number')
  })
})

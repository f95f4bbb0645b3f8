import { execFileSync, fork } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Summary, summarize } from '../stats/summarize.js'
import type { WorkerCommand, WorkerReport } from './loadClientWorker.js'
import { pairSession, timeSignMessages } from './pairedSession.js'
import { type RedisProcess, redisUsedMemory, startRedis } from './redisServer.js'
import { benchRelayEnv, relayCliPath, residentBytes, type ServerProcess, spawnServer } from './spawnServer.js'

export type ScaleResult = {
  nodes: 1 | 2
  targetSessions: number
  /** Why the target is below 10,000, if it is. */
  targetNote: string | undefined
  openedSessions: number
  failedSessions: number
  firstError: string | undefined
  openMs: number
  /** Sockets and channels each node reported at /health with the sessions open. */
  health: { sockets: number; channels: number }[]
  /** RSS growth of the relay node(s) per open session, bytes; and Redis `used_memory` growth per session. */
  rssPerSession: number
  rssBefore: number[]
  rssAfter: number[]
  redisPerSession: number | undefined
  /** signMessage round trips of one real session, with no other session open and with all of them open. */
  latencyIdle: Summary
  latencyLoaded: Summary
}

const workerPath = join(dirname(fileURLToPath(import.meta.url)), 'loadClientWorker.js')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The hard limit of open files in a shell here: one TCP socket is one descriptor on the node. */
export function hardFileLimit(): number {
  return Number(execFileSync('sh', ['-c', 'ulimit -Hn']).toString().trim())
}

async function health(server: ServerProcess): Promise<{ sockets: number; channels: number }> {
  const response = await fetch(`${server.url}/health`)
  const body = (await response.json()) as { sockets: number; channels: number }
  return { sockets: body.sockets, channels: body.channels }
}

async function probe(dappUrl: string, walletUrl: string, count: number): Promise<Summary> {
  const paired = await pairSession(dappUrl, walletUrl)
  await timeSignMessages(paired.dapp, 50) // warm-up: a fresh node's first requests run cold code
  const samples = await timeSignMessages(paired.dapp, count)
  await paired.close()
  return summarize(samples)
}

/**
 * Opens `sessions` idle sessions (a dapp and a wallet socket each, created and joined at the relay protocol
 * level) from several client processes, against one node or two nodes sharing a Redis (dapp sockets on the
 * first node, wallet sockets on the second: every session spans both). Measures memory and the latency of
 * one real signed request while they are open.
 */
export async function runScaleBench(options: {
  nodes: 1 | 2
  sessions?: number
  workers?: number
  probeCount?: number
}): Promise<ScaleResult> {
  const wanted = options.sessions ?? 10_000
  const fileLimit = hardFileLimit()
  // One node holds both sockets of a session (one node) or one of them (two nodes), plus a few descriptors.
  const perNodeCap = Math.floor((fileLimit - 200) / (options.nodes === 1 ? 2 : 1))
  const targetSessions = Math.min(wanted, perNodeCap)
  const targetNote =
    targetSessions < wanted
      ? `capped at ${targetSessions}: the hard open-file limit here is ${fileLimit} per process and each socket is a descriptor`
      : undefined
  const workers = options.workers ?? 4
  const probeCount = options.probeCount ?? 400

  let redis: RedisProcess | undefined
  const nodes: ServerProcess[] = []
  const children: ReturnType<typeof fork>[] = []
  try {
    const env = { ...benchRelayEnv }
    if (options.nodes === 2) {
      redis = await startRedis()
      env['REDIS_URL'] = redis.url
    }
    for (let i = 0; i < options.nodes; i++) nodes.push(await spawnServer(relayCliPath, env))
    const dappUrl = nodes[0]!.url
    const walletUrl = nodes[nodes.length - 1]!.url
    await sleep(500)
    const latencyIdle = await probe(dappUrl, walletUrl, probeCount)
    await sleep(500)
    const rssBefore = nodes.map((node) => residentBytes(node.pid))
    const redisBefore = redis ? await redisUsedMemory(redis.port) : undefined

    const reports = await Promise.all(
      Array.from({ length: workers }, (_, index) => {
        const child = fork(workerPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
        children.push(child)
        const share = Math.floor(targetSessions / workers) + (index < targetSessions % workers ? 1 : 0)
        const command: WorkerCommand = {
          type: 'open',
          dappUrl,
          walletUrl,
          sessions: share,
          concurrency: 25,
          lifetimeMs: 240_000,
        }
        return new Promise<Extract<WorkerReport, { type: 'opened' }>>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error('A load worker did not finish opening within 180 s')),
            180_000,
          )
          child.on('message', (report: WorkerReport) => {
            if (report.type === 'opened') {
              clearTimeout(timer)
              resolve(report)
            }
          })
          child.once('exit', (code) => {
            clearTimeout(timer)
            reject(new Error(`A load worker exited with code ${code}`))
          })
          child.send(command)
        })
      }),
    )
    await sleep(3_000) // let the nodes settle (handshake buffers freed, heartbeats running)
    const rssAfter = nodes.map((node) => residentBytes(node.pid))
    const redisAfter = redis ? await redisUsedMemory(redis.port) : undefined
    const healthNow = await Promise.all(nodes.map(health))
    const latencyLoaded = await probe(dappUrl, walletUrl, probeCount)

    const openedSessions = reports.reduce((sum, report) => sum + report.opened, 0)
    const grown =
      rssAfter.reduce((sum, value) => sum + value, 0) - rssBefore.reduce((sum, value) => sum + value, 0)
    return {
      nodes: options.nodes,
      targetSessions,
      targetNote,
      openedSessions,
      failedSessions: reports.reduce((sum, report) => sum + report.failed, 0),
      firstError: reports.find((report) => report.firstError)?.firstError,
      openMs: Math.max(...reports.map((report) => report.ms)),
      health: healthNow,
      rssPerSession: grown / Math.max(1, openedSessions),
      rssBefore,
      rssAfter,
      redisPerSession:
        redisBefore === undefined || redisAfter === undefined
          ? undefined
          : (redisAfter - redisBefore) / Math.max(1, openedSessions),
      latencyIdle,
      latencyLoaded,
    }
  } finally {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
            child.once('exit', () => {
              clearTimeout(timer)
              resolve()
            })
            child.send({ type: 'close' } satisfies WorkerCommand)
          }),
      ),
    )
    for (const node of nodes) await node.stop()
    await redis?.stop()
  }
}

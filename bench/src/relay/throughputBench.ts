import { median } from '../stats/summarize.js'
import { call, fakeFrame, openChannelPair } from './protocolClient.js'
import { bareRelayPath, benchRelayEnv, relayCliPath, spawnServer } from './spawnServer.js'

export type ThroughputRun = {
  frameBytes: number
  /** Unanswered `send` events allowed at a time. */
  window: number
  /** Messages per second delivered to the receiving peer, median of the rounds. */
  dapplink: { perSec: number; rounds: number[] }
  bare: { perSec: number; rounds: number[] }
  ratio: number
}

export type ThroughputResult = ThroughputRun[]

// Frames sent but not yet delivered: well below the relay's offline queue (256 frames).
const maxUndelivered = 128

/**
 * Forwards frames from one socket to the other for `durationMs` and counts what arrives. The sender keeps at
 * most `window` sends unanswered (the dapplink clients use 1: each frame after the previous `send` was
 * answered; the relay refuses more than 32 waiting events per socket); the receiver acknowledges every
 * frame to the relay, as the clients do. The same client code runs against both servers.
 */
async function forwardRate(
  url: string,
  durationMs: number,
  window: number,
  frameBytes: number,
): Promise<number> {
  const pair = await openChannelPair(url)
  const frame = fakeFrame(pair.channelId, 0, frameBytes)
  let sent = 0
  let answered = 0
  let received = 0
  let refused = 0
  let refusal = ''
  let running = true
  const pump = () => {
    while (running && sent - answered < window && sent - received < maxUndelivered) {
      sent++
      pair.dapp.emit(
        'send',
        { channel: pair.channel, frame },
        (answer: { ok: boolean; error?: { code: string } }) => {
          answered++
          pump()
          if (answer.ok) return
          refused++
          refusal = `${answer.error?.code}: ${(answer.error as { message?: string } | undefined)?.message}`
        },
      )
    }
  }
  pair.wallet.on('frame', (payload: { id: number }) => {
    received++
    pair.wallet.emit('ack', { channel: pair.channel, id: payload.id }, () => {})
    pump()
  })
  pump()
  await new Promise((resolve) => setTimeout(resolve, 300)) // warm-up
  const startCount = received
  const started = performance.now()
  await new Promise((resolve) => setTimeout(resolve, durationMs))
  const perSec = ((received - startCount) * 1000) / (performance.now() - started)
  running = false
  await new Promise((resolve) => setTimeout(resolve, 200))
  await call(pair.dapp, 'leave', { channel: pair.channel, close: true }).catch(() => {})
  pair.dapp.close()
  pair.wallet.close()
  if (refused > 0) throw new Error(`${url} refused ${refused} sends during the throughput run (${refusal})`)
  return perSec
}

/**
 * Messages per second through apps/relay against the bare socket.io forwarder, interleaved in rounds: with
 * one `send` at a time (how the clients send) and with 16 pipelined (the relay's forwarding capacity).
 */
export async function runThroughputBench(
  options: { rounds?: number; durationMs?: number; windows?: number[]; frameBytes?: number } = {},
): Promise<ThroughputResult> {
  const rounds = options.rounds ?? 3
  const durationMs = options.durationMs ?? 2_000
  const frameBytes = options.frameBytes ?? 200
  const relay = await spawnServer(relayCliPath, benchRelayEnv)
  const bare = await spawnServer(bareRelayPath, { PORT: '0' })
  try {
    const runs: ThroughputRun[] = []
    for (const window of options.windows ?? [1, 16]) {
      const dapplinkRounds: number[] = []
      const bareRounds: number[] = []
      for (let round = 0; round < rounds; round++) {
        dapplinkRounds.push(await forwardRate(relay.url, durationMs, window, frameBytes))
        bareRounds.push(await forwardRate(bare.url, durationMs, window, frameBytes))
      }
      const dapplink = median(dapplinkRounds)
      const bareRate = median(bareRounds)
      runs.push({
        frameBytes,
        window,
        dapplink: { perSec: dapplink, rounds: dapplinkRounds },
        bare: { perSec: bareRate, rounds: bareRounds },
        ratio: dapplink / bareRate,
      })
    }
    return runs
  } finally {
    await relay.stop()
    await bare.stop()
  }
}

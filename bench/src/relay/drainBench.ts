import { type DapplinkError, RelayRequestError } from '@dapplink/core/relay'
import { pairSession } from './pairedSession.js'
import { benchRelayEnv, relayCliPath, spawnServer } from './spawnServer.js'

export type DrainRound = {
  /** Requests the dapp queued while the wallet was paused. */
  requests: number
  /** Wallet `resume` → every answer back at the dapp, ms. */
  drainMs: number
  /** `rate_limited` refusals each side was told about during the drain. */
  rateLimited: { dapp: number; wallet: number }
  /** Relay events each side emitted during the drain (send, ack...). */
  events: { dapp: number; wallet: number }
}

export type DrainResult = { rounds: DrainRound[]; requests: number }

/**
 * A wallet that paused (app in the background) comes back to `requests` queued signMessage requests: the
 * time from `resume` until the dapp holds every answer, against the relay's DEFAULT per-socket event budget
 * (the per-IP limits are raised as in every bench run, since all load comes from 127.0.0.1).
 */
export async function runDrainBench(
  options: { requests?: number; rounds?: number } = {},
): Promise<DrainResult> {
  const requests = options.requests ?? 250
  const roundCount = options.rounds ?? 3
  const env = { ...benchRelayEnv }
  delete env['RATE_SOCKET_EVENTS_PER_SEC']
  delete env['RATE_SOCKET_EVENTS_BURST']
  const relay = await spawnServer(relayCliPath, env)
  const rounds: DrainRound[] = []
  try {
    for (let round = 0; round < roundCount; round++) {
      const rateLimited = { dapp: 0, wallet: 0 }
      let counting = false
      const countRateLimited = (side: 'dapp' | 'wallet') => (error: DapplinkError) => {
        if (counting && error instanceof RelayRequestError && error.relayCode === 'rate_limited')
          rateLimited[side]++
      }
      const paired = await pairSession(relay.url, relay.url, {
        fixedSignature: true,
        pauseAfterMs: 0,
        onError: { dapp: countRateLimited('dapp'), wallet: countRateLimited('wallet') },
      })
      paired.wallet.setVisibility('hidden')
      await waitFor(() => paired.wallet.getState().status === 'paused', 5_000)
      // Queue every request at the relay while the wallet is away (the dapp's own sends may be slowed by
      // its event budget here; that is not part of the drain).
      const relayedBefore = paired.relayedFrames.dapp
      const answers = Array.from({ length: requests }, () => paired.dapp.signMessage(new Uint8Array(32)))
      await waitFor(() => paired.relayedFrames.dapp - relayedBefore >= requests, 60_000)
      await new Promise((resolve) => setTimeout(resolve, 1_200)) // let both event budgets refill
      const eventsBefore = { dapp: paired.events.dapp, wallet: paired.events.wallet }
      counting = true
      const started = performance.now()
      paired.wallet.setVisibility('visible')
      await Promise.all(answers)
      const drainMs = performance.now() - started
      counting = false
      rounds.push({
        requests,
        drainMs,
        rateLimited,
        events: {
          dapp: paired.events.dapp - eventsBefore.dapp,
          wallet: paired.events.wallet - eventsBefore.wallet,
        },
      })
      await paired.close()
    }
    return { rounds, requests }
  } finally {
    await relay.stop()
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('drain bench: timed out waiting for a condition')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

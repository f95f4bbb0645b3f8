import type { TimeProvider } from './timers.js'

// Renews the pairing QR code before it expires (MetaMask's users complain about dead 60 s QR codes) and ticks
// the handshake once a second so expiries are noticed; stops when the pairing is over or times out.

/** A pairing request as the renewal sees it. */
export type RenewableRequest = { expiresAt: number }

/** Parameters of {@link createPairingRenewal}. */
export type PairingRenewalParameters<request extends RenewableRequest> = {
  time: TimeProvider
  renewBeforeMs: number
  pairingTimeoutMs: number
  /** Whether the pairing still waits for a wallet. */
  isPairing(): boolean
  /** Makes (and starts listening on) a fresh request. */
  makeRequest(): Promise<request>
  /** Reports the fresh request (new QR code). */
  onRenewed(request: request): void
  /** Called every second while pairing, with the time now. */
  onTick(now: number): void
  onError(error: Error): void
}

/** The renewal loop: `start` with the first request, `stop` once paired or closed. */
export function createPairingRenewal<request extends RenewableRequest>(
  parameters: PairingRenewalParameters<request>,
) {
  const { time, renewBeforeMs, pairingTimeoutMs } = parameters
  let renewTimer: unknown
  let tickTimer: unknown
  let startedAt = 0

  function schedule(expiresAt: number) {
    time.clearTimeout(renewTimer)
    renewTimer = time.setTimeout(
      () => void renew().catch(parameters.onError),
      Math.max(0, expiresAt - renewBeforeMs - time.now()),
    )
  }

  async function renew() {
    if (!parameters.isPairing() || time.now() - startedAt >= pairingTimeoutMs) return
    const next = await parameters.makeRequest()
    if (!parameters.isPairing()) return
    parameters.onRenewed(next)
    schedule(next.expiresAt)
  }

  const tick = () => {
    parameters.onTick(time.now())
    if (parameters.isPairing()) tickTimer = time.setTimeout(tick, 1_000)
  }

  return {
    start(first: request) {
      startedAt = time.now()
      schedule(first.expiresAt)
      tickTimer = time.setTimeout(tick, 1_000)
    },
    stop() {
      time.clearTimeout(renewTimer)
      time.clearTimeout(tickTimer)
    },
  }
}

import { DapplinkError } from '../../errors/base.js'
import type { RelayTimingOptions } from './sessionEngineTypes.js'
import { type SessionTimers, systemTimers } from './timers.js'

/** The timing options with their documented defaults filled in. */
export type SessionTiming = {
  timers: SessionTimers
  handshakeTimeoutMs: number
  retryIntervalMs: number
  peerTimeoutMs: number
  relayTimeoutMs: number
}

/** Fills in the defaults of `RelayTimingOptions` (10 s handshake, 1 s retry, 30 s peer, 5 s relay). */
export function withTimingDefaults(options: RelayTimingOptions): SessionTiming {
  return {
    timers: options.timers ?? systemTimers,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
    retryIntervalMs: options.retryIntervalMs ?? 1_000,
    peerTimeoutMs: options.peerTimeoutMs ?? 30_000,
    relayTimeoutMs: options.relayTimeoutMs ?? 5_000,
  }
}

/** What `onError` receives: typed errors as they are, anything else wrapped (a bug, never a secret). */
export function asSessionError(error: unknown): DapplinkError {
  return error instanceof DapplinkError
    ? error
    : new DapplinkError('Unexpected error in the relay session.', { cause: error })
}

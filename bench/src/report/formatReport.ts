import type { CryptoComparison } from '../crypto/cryptoBench.js'
import type { DrainResult } from '../relay/drainBench.js'
import type { LatencyResult } from '../relay/latencyBench.js'
import type { ScaleResult } from '../relay/scaleBench.js'
import type { ThroughputResult } from '../relay/throughputBench.js'
import { markdownTable } from '../stats/format.js'
import type { Summary } from '../stats/summarize.js'

const ms = (value: number) => `${value.toFixed(2)} ms`
const us = (ns: number) => `${(ns / 1000).toFixed(2)} µs`
// Durations of a crypto operation: µs, or ms from 10 ms (large deeplink payloads take that long).
const duration = (ns: number) => (ns < 1e7 ? us(ns) : `${(ns / 1e6).toFixed(1)} ms`)
const x = (value: number) => `${value.toFixed(2)}x`
const int = (value: number) => Math.round(value).toLocaleString('en-US')
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`
const p = (summary: Summary) => `${ms(summary.p50)} / ${ms(summary.p99)}`

/** The crypto table: our envelope against the raw primitive, per operation. */
export function formatCryptoTable(results: readonly CryptoComparison[]): string {
  return markdownTable(
    ['operation', 'plaintext', 'dapplink', 'raw primitive', 'ratio'],
    results.map((result) => [
      result.label,
      `${result.plaintextBytes} B`,
      `${duration(result.ours.nsPerOp)} (${result.ours.name})`,
      `${duration(result.raw.nsPerOp)} (${result.raw.name})`,
      x(result.ratio),
    ]),
  )
}

/** Round trips and handshakes. */
export function formatLatencyTables(result: LatencyResult): string {
  const { roundTrips, handshake, frameBytes } = result
  return [
    markdownTable(
      ['round trip (loopback)', 'samples', 'p50', 'p99', 'mean'],
      [
        [
          'dapplink: signMessage via apps/relay (createRelaySession → relay → wallet kit signs → relay → dapp)',
          String(roundTrips.dapplink.count),
          ms(roundTrips.dapplink.p50),
          ms(roundTrips.dapplink.p99),
          ms(roundTrips.dapplink.mean),
        ],
        [
          'dapplink, the wallet answers a fixed signature (protocol + relay, no ed25519 signing)',
          String(roundTrips.dapplinkNoSigning.count),
          ms(roundTrips.dapplinkNoSigning.p50),
          ms(roundTrips.dapplinkNoSigning.p99),
          ms(roundTrips.dapplinkNoSigning.mean),
        ],
        [
          `bare socket.io forwarder, same frame sizes (${frameBytes.request} B out, ${frameBytes.response} B back)`,
          String(roundTrips.bare.count),
          ms(roundTrips.bare.p50),
          ms(roundTrips.bare.p99),
          ms(roundTrips.bare.mean),
        ],
        ['ratio dapplink (signing) / bare', '', x(roundTrips.ratioP50), x(roundTrips.ratioP99), ''],
        [
          'ratio dapplink (fixed signature) / bare',
          '',
          x(roundTrips.noSigningRatioP50),
          x(roundTrips.noSigningRatioP99),
          '',
        ],
      ],
    ),
    '',
    markdownTable(
      ['handshake (createRelaySession + pairWithDapp)', 'samples', 'p50', 'p99', 'max'],
      (
        [
          ['pairing URI ready → dapp channel open at the relay (create + join)', handshake.dappReady],
          ['wallet starts pairing (QR scanned) → both sides connected', handshake.walletToConnected],
          [
            'pairing URI ready → both sides connected (wallet scans once the channel is open)',
            handshake.uriToConnected,
          ],
          [
            'pairing URI ready → both connected, wallet starts at once (its first join is refused: no channel yet)',
            handshake.scanAtOnce,
          ],
        ] as const
      ).map(([label, summary]) => [
        label,
        String(summary.count),
        ms(summary.p50),
        ms(summary.p99),
        ms(summary.max),
      ]),
    ),
  ].join('\n')
}

/** Messages per second. */
export function formatThroughputTable(result: ThroughputResult): string {
  return markdownTable(
    [
      'unanswered sends allowed',
      'apps/relay msg/s',
      'bare forwarder msg/s',
      'ratio relay / bare',
      'rounds (relay; bare)',
    ],
    result.map((run) => [
      run.window === 1 ? '1 (as the clients send)' : String(run.window),
      int(run.dapplink.perSec),
      int(run.bare.perSec),
      x(run.ratio),
      `${run.dapplink.rounds.map(int).join(', ')}; ${run.bare.rounds.map(int).join(', ')}`,
    ]),
  )
}

/** Idle sessions, memory and latency under them. */
export function formatScaleTable(results: readonly ScaleResult[]): string {
  return markdownTable(
    [
      'setup',
      'sessions open / target',
      'sockets (per node, /health)',
      'time to open',
      'RSS per session',
      'Redis per session',
      'RSS before → after',
      'signMessage p50 / p99, idle relay',
      'signMessage p50 / p99, with the sessions open',
      'ratio p99 loaded / idle',
    ],
    results.map((result) => [
      result.nodes === 1 ? 'one node, in memory' : 'two nodes + Redis (dapp on node 1, wallet on node 2)',
      `${int(result.openedSessions)} / ${int(result.targetSessions)}${result.failedSessions > 0 ? ` (${result.failedSessions} failed: ${result.firstError})` : ''}${result.targetNote ? ` (${result.targetNote})` : ''}`,
      result.health.map((node) => int(node.sockets)).join(' + '),
      `${(result.openMs / 1000).toFixed(1)} s`,
      `${(result.rssPerSession / 1024).toFixed(1)} KiB`,
      result.redisPerSession === undefined ? 'n/a' : `${(result.redisPerSession / 1024).toFixed(2)} KiB`,
      result.rssBefore.map((before, index) => `${mib(before)} → ${mib(result.rssAfter[index]!)}`).join('; '),
      p(result.latencyIdle),
      p(result.latencyLoaded),
      x(result.latencyLoaded.p99 / result.latencyIdle.p99),
    ]),
  )
}

/** One row per drain round: resume → every queued request answered, and what the relay refused meanwhile. */
export function formatDrainTable(result: DrainResult): string {
  return markdownTable(
    [
      'round',
      'queued requests',
      'resume → all answered',
      'rate_limited (dapp / wallet)',
      'relay events (dapp / wallet)',
    ],
    result.rounds.map((round, index) => [
      String(index + 1),
      String(round.requests),
      ms(round.drainMs),
      `${round.rateLimited.dapp} / ${round.rateLimited.wallet}`,
      `${round.events.dapp} / ${round.events.wallet}`,
    ]),
  )
}

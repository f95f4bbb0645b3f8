import { median } from './summarize.js'

/** One operation to time; sync or async (an async one is awaited each time). */
export type TimedCase = { name: string; run: () => unknown }

export type CaseTiming = { name: string; nsPerOp: number; opsPerSec: number; rounds: number[] }

async function timeRound(run: () => unknown, roundMs: number): Promise<number> {
  const deadline = performance.now() + roundMs
  let ops = 0
  const started = performance.now()
  const first = run()
  ops++
  if (first instanceof Promise) {
    await first
    while (performance.now() < deadline) {
      for (let i = 0; i < 16; i++) await run()
      ops += 16
    }
  } else {
    while (performance.now() < deadline) {
      for (let i = 0; i < 16; i++) run()
      ops += 16
    }
  }
  return ((performance.now() - started) * 1e6) / ops
}

/**
 * Times several cases in interleaved rounds (A, B, A, B, ...) and keeps each case's median: on a shared,
 * noisy machine a burst of load then hits every case alike, so their ratio stays meaningful.
 */
export async function compareInterleaved(
  cases: readonly TimedCase[],
  options: { rounds?: number; roundMs?: number; warmupMs?: number } = {},
): Promise<CaseTiming[]> {
  const rounds = options.rounds ?? 7
  const roundMs = options.roundMs ?? 250
  for (const timedCase of cases) await timeRound(timedCase.run, options.warmupMs ?? 150)
  const samples = cases.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    for (const [index, timedCase] of cases.entries())
      samples[index]!.push(await timeRound(timedCase.run, roundMs))
  }
  return cases.map((timedCase, index) => {
    const nsPerOp = median(samples[index]!)
    return { name: timedCase.name, nsPerOp, opsPerSec: 1e9 / nsPerOp, rounds: samples[index]! }
  })
}

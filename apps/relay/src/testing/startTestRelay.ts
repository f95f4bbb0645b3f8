import { createLogger, type LogLevel } from '../logging/logger.js'
import { type RelayHandle, type StartRelayOptions, startRelay } from '../relay/startRelay.js'

/** Test rate limits: high enough that only the rate-limit tests hit them. */
export const generousRates = {
  socketEventsRate: { perSecond: 10_000, burst: 10_000 },
  ipConnectionsRate: { perSecond: 10_000, burst: 10_000 },
  ipCreatesRate: { perSecond: 10_000, burst: 10_000 },
  ipJoinsRate: { perSecond: 10_000, burst: 10_000 },
} satisfies StartRelayOptions

/**
 * Starts an in-process relay on a free port of 127.0.0.1 with generous rate limits and its log
 * lines captured in `logs` (nothing printed).
 */
export async function startTestRelay(
  options: StartRelayOptions & { logLevel?: LogLevel } = {},
): Promise<RelayHandle & { logs: { level: string; line: string }[] }> {
  const logs: { level: string; line: string }[] = []
  const logger = createLogger({
    level: options.logLevel ?? 'debug',
    sink: (line, level) => logs.push({ level, line }),
  })
  const relay = await startRelay({ port: 0, host: '127.0.0.1', ...generousRates, logger, ...options })
  return { ...relay, logs }
}

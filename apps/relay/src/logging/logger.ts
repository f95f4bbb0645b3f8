/** Log levels, most verbose first. `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'

export const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent']

/** Fields of one log line. Never put keys, tokens, frame contents or (at info) IP addresses here. */
export type LogFields = Record<string, string | number | boolean | null | undefined>

export type Logger = {
  readonly level: LogLevel
  debug(msg: string, fields?: LogFields): void
  info(msg: string, fields?: LogFields): void
  warn(msg: string, fields?: LogFields): void
  error(msg: string, fields?: LogFields): void
  /** Whether a line at `level` would be written (skip building expensive fields otherwise). */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean
}

/** Where log lines go: one JSON string without newline, and its level. */
export type LogSink = (line: string, level: Exclude<LogLevel, 'silent'>) => void

/** Default sink: debug and info to stdout, warn and error to stderr. */
export const stdioLogSink: LogSink = (line, level) => {
  const stream = level === 'warn' || level === 'error' ? process.stderr : process.stdout
  stream.write(`${line}\n`)
}

export type CreateLoggerParameters = {
  level?: LogLevel | undefined
  sink?: LogSink | undefined
  /** Fields added to every line (e.g. `{ node: 'a' }`). */
  base?: LogFields | undefined
}

/**
 * A tiny JSON-lines logger: one line per call, `{"time","level","msg",...fields}`.
 *
 * @example
 * const log = createLogger({ level: 'info' })
 * log.info('channel_created', { channel })
 */
export function createLogger(parameters: CreateLoggerParameters = {}): Logger {
  const level = parameters.level ?? 'info'
  const sink = parameters.sink ?? stdioLogSink
  const base = parameters.base ?? {}
  const threshold = logLevels.indexOf(level)
  const enabled = (at: Exclude<LogLevel, 'silent'>) => logLevels.indexOf(at) >= threshold
  const write = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields?: LogFields) => {
    if (!enabled(at)) return
    try {
      sink(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...base, ...fields }), at)
    } catch {
      // A broken log sink (closed pipe) must never take the relay down.
    }
  }
  return {
    level,
    enabled,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  }
}

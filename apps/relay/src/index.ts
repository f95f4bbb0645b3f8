export {
  flagOf,
  type RelayConfig,
  type ResolveRelayConfigParameters,
  relayConfigDefaults,
  relaySettingNames,
  resolveRelayConfig,
} from './config/relayConfig.js'
export { RelayConfigError, RelayError, type RelayErrorParameters } from './errors/RelayError.js'
export type { RateLimit } from './limits/TokenBucket.js'
export {
  type CreateLoggerParameters,
  createLogger,
  type LogFields,
  type Logger,
  type LogLevel,
  type LogSink,
} from './logging/logger.js'
export type { RelayAnswer, RelayErrorCode, Role } from './protocol/relayMessages.js'
export { type RelayHandle, type RelayHealth, type StartRelayOptions, startRelay } from './relay/startRelay.js'

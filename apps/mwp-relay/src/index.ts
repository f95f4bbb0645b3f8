export { MwpRelayConfigError, MwpRelayError, type MwpRelayErrorParameters } from './errors/MwpRelayError.js'
export { disconnectCodes, replyErrorCodes } from './protocol/centrifugoCodes.js'
export {
  type MwpRelay,
  type StartMwpRelayOptions,
  startMwpRelay,
  websocketPath,
} from './server/startMwpRelay.js'

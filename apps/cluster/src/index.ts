export { type ClusterArgs, parseClusterArgs } from './config/parseClusterArgs.js'
export { type FundEntry, parseFundSpec, parseSolAmount } from './config/parseFundSpec.js'
export {
  type ConfirmByPollingOptions,
  confirmByPolling,
  type SignatureStatus,
  type SignatureStatusSource,
} from './confirmByPolling.js'
export { ConfirmationTimeoutError } from './errors/ConfirmationTimeoutError.js'
export { InvalidClusterOptionError } from './errors/InvalidClusterOptionError.js'
export { JsonRpcError, type JsonRpcErrorParameters, jsonRpcErrorCode } from './errors/JsonRpcError.js'
export {
  type Cluster,
  defaultMaxAirdropLamports,
  type StartClusterOptions,
  startCluster,
} from './startCluster.js'

// The demos' framework-free code; each app keeps only its bindings (useDemoActions) and its components.
export { sessionStorageOrUndefined } from './browser/sessionStorageOrUndefined.js'
export {
  type DemoEnv,
  type DemoSettings,
  defaultDemoSettings,
  normalizeSettingUrl,
  type ReadDemoSettingsParameters,
  type ReadDemoSettingsReturnType,
  readDemoSettings,
  type SettingsStorage,
  settingsStorageKey,
} from './config/demoSettings.js'
export { readMwpQuietAfterMs } from './config/readMwpQuietAfterMs.js'
export { verifyMessageSignature } from './crypto/verifyMessageSignature.js'
export { type PersonalSignCheck, verifyPersonalSign } from './crypto/verifyPersonalSign.js'
export {
  type CreateDemoConfigParameters,
  createDemoConfig,
  referenceWalletId,
  referenceWalletProfile,
} from './demo/createDemoConfig.js'
export { airdropLamports, defaultMessage, transferLamports } from './demo/demoConstants.js'
export { type DemoContext, readDemoContext } from './demo/demoContext.js'
export {
  type LoadDemoSetupParameters,
  type LoadDemoSetupReturnType,
  loadDemoSetup,
} from './demo/loadDemoSetup.js'
export {
  type DemoResults,
  type ProcessWalletResponseParameters,
  processWalletResponse,
  UnexpectedWalletResponseError,
} from './demo/processWalletResponse.js'
export {
  clearResults,
  loadResults,
  type ResultsStorage,
  resultsStorageKey,
  saveResults,
} from './demo/savedResults.js'
export { describeError, type ErrorDescription } from './format/describeError.js'
export { formatSol, formatSolChange } from './format/formatSol.js'
export {
  type ReferenceWalletMwpLinkParameters,
  referenceWalletMwpLink,
} from './metamask/referenceWalletMwpLink.js'
export { type PersonalSignResult, requestPersonalSign } from './metamask/requestPersonalSign.js'
export {
  drawPairingQr,
  type PairingQrImage,
  pairingQrOptions,
  showsPairingQr,
} from './pairing/drawPairingQr.js'
export { type BuildTransferParameters, buildTransfer } from './solana/buildTransfer.js'
export { type ClusterRpc, ClusterRpcError, createClusterRpc } from './solana/clusterRpc.js'
export { inspectSignedTransaction, type SignedTransactionInfo } from './solana/inspectSignedTransaction.js'

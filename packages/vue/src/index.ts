// Composables
export { type UseWalletReturnType, useWallet } from './composables/useWallet.js'
export { useWalletClient } from './composables/useWalletClient.js'
export { useWalletResponse } from './composables/useWalletResponse.js'

// Errors
export { DapplinkPluginNotFoundError } from './errors/DapplinkPluginNotFoundError.js'

// Plugin
export { DapplinkPlugin, type DapplinkPluginOptions } from './plugin/DapplinkPlugin.js'
export { dapplinkClientKey } from './plugin/dapplinkClientKey.js'

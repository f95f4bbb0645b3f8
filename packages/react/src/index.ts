// Context
export { DapplinkContext } from './context/DapplinkContext.js'
export { DapplinkProvider, type DapplinkProviderProps } from './context/DapplinkProvider.js'

// Errors
export { DapplinkProviderNotFoundError } from './errors/DapplinkProviderNotFoundError.js'

// Hooks
export { type UseWalletReturnType, useWallet } from './hooks/useWallet.js'
export { useWalletClient } from './hooks/useWalletClient.js'
export { useWalletResponse } from './hooks/useWalletResponse.js'

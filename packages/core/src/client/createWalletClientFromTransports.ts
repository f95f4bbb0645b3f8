import { EthereumProviderUnavailableError } from '../errors/client.js'
import { connectWallet, disconnectWallet } from './connectWallet.js'
import { fromTransactionBytes, toTransactionBytes } from './transaction.js'
import type { CreateWalletClientFromTransportsParameters, WalletClient } from './walletClient.js'
import {
  asError,
  closeActiveConnection,
  createWalletClientRuntime,
  disconnectedPatch,
  isBrowser,
} from './walletClientRuntime.js'
import { handleWalletRedirect, restoreDeeplinkSession } from './walletRedirect.js'
import { cancelPendingRequest, runWalletRequest } from './walletRequest.js'

export type {
  ConnectParameters,
  ConnectReturnType,
  CreateWalletClientFromTransportsParameters,
  DisconnectOptions,
  SignAndSendTransactionOptions,
  SignMessageOptions,
  WalletClient,
  WalletTransportFactories,
} from './walletClient.js'

/**
 * Builds a wallet client over the given transport factories. `createWalletClient` is this with the default
 * deeplink and relay transports; use this one to plug in your own transport.
 */
export function createWalletClientFromTransports(
  parameters: CreateWalletClientFromTransportsParameters,
): WalletClient {
  const { transports, releaseDelay = 0 } = parameters
  const runtime = createWalletClientRuntime(transports)
  const { store, responses } = runtime
  const serverState = store.getState()
  let mounts = 0
  let started = false
  let redirectRead = false
  let releaseTimer: ReturnType<typeof setTimeout> | undefined

  function start() {
    restoreDeeplinkSession(runtime)
    if (!redirectRead) {
      redirectRead = true
      try {
        handleWalletRedirect(runtime)
      } catch {
        // The error is in the state; a mount has nobody to throw to.
      }
    }
  }

  function mount(): () => void {
    if (!isBrowser()) return () => {}
    mounts += 1
    if (releaseTimer !== undefined) {
      clearTimeout(releaseTimer)
      releaseTimer = undefined
    }
    if (!started) {
      started = true
      start()
    }
    let released = false
    return () => {
      if (released) return
      released = true
      mounts -= 1
      if (mounts > 0) return
      // Wait a moment: StrictMode and fast refresh unmount and mount again at once.
      releaseTimer = setTimeout(() => {
        releaseTimer = undefined
        if (mounts > 0) return
        started = false
        if (store.getState().transport === 'relay' || store.getState().transport === 'metamask') {
          closeActiveConnection(runtime)
          store.setState(disconnectedPatch)
        }
      }, releaseDelay)
    }
  }

  return {
    getState() {
      restoreDeeplinkSession(runtime)
      return store.getState()
    },
    getServerState: () => serverState,
    watchState: (listener) => store.subscribe(listener),
    mount,
    connect: (connectParameters) => connectWallet(runtime, connectParameters),
    disconnect: (options) => disconnectWallet(runtime, options),
    async signMessage(message, options = {}) {
      const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message
      const display = options.display ?? (typeof message === 'string' || isUtf8(bytes) ? 'utf8' : 'hex')
      return runWalletRequest(
        runtime,
        'signMessage',
        options,
        (transport, context, signal) => transport.signMessage(bytes, { display, context, signal }),
        (result) => result,
      )
    },
    async signTransaction(transaction, options = {}) {
      const bytes = toTransactionBytes(transaction)
      return runWalletRequest(
        runtime,
        'signTransaction',
        options,
        async (transport, context, signal) => {
          const signed = await transport.signTransaction(bytes, { context, signal })
          return {
            transaction: fromTransactionBytes(transaction, signed.transaction),
            bytes: signed.transaction,
          }
        },
        ({ bytes }) => ({ transaction: bytes }),
      ).then(({ transaction }) => ({ transaction }))
    },
    async signAllTransactions(transactions, options = {}) {
      const bytes = transactions.map((transaction, index) => toTransactionBytes(transaction, index))
      return runWalletRequest(
        runtime,
        'signAllTransactions',
        options,
        async (transport, context, signal) => {
          const signed = (await transport.signAllTransactions(bytes, { context, signal })).transactions
          return {
            transactions: signed.map((signedBytes, index) =>
              fromTransactionBytes(transactions[index]!, signedBytes),
            ),
            bytes: signed,
          }
        },
        ({ bytes }) => ({ transactions: bytes }),
      ).then(({ transactions }) => ({ transactions }))
    },
    async signAndSendTransaction(transaction, options = {}) {
      const bytes = toTransactionBytes(transaction)
      return runWalletRequest(
        runtime,
        'signAndSendTransaction',
        options,
        (transport, context, signal) =>
          transport.signAndSendTransaction(bytes, {
            sendOptions: options.sendOptions,
            useDeprecatedDeeplink: options.useDeprecatedDeeplink,
            context,
            signal,
          }),
        (result) => result,
      )
    },
    handleRedirect: (url) => handleWalletRedirect(runtime, url),
    watchResponse: (listener) => responses.watch(listener),
    cancelPendingRequest: () => cancelPendingRequest(runtime),
    clearError: () => store.setState({ error: null }),
    clearLastResponse: () => store.setState({ lastResponse: null }),
    getEthereumProvider() {
      const provider = runtime.active?.transport?.getEthereumProvider?.()
      if (!provider) throw new EthereumProviderUnavailableError()
      return provider
    },
    wakeUp() {
      try {
        runtime.active?.transport?.wakeUp?.()
      } catch (error) {
        // WakeUpUnavailableError without a wallet link: shown, not thrown into an onClick.
        store.setState({ error: asError(error) })
      }
    },
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

// The wallet client: one store of wallet state over both transports (deeplinks and the lazy relay).

export {
  ConnectionCancelledError,
  EthereumProviderUnavailableError,
  MetamaskNotConfiguredError,
  RelayNotConfiguredError,
  TransactionSendError,
  UnknownWalletProfileError,
  WalletNotSelectedError,
} from '../errors/client.js'
export {
  type CreateWalletClientParameters,
  createWalletClient,
  type WalletClientDeeplinkOptions,
  type WalletClientMetamaskOptions,
  type WalletClientRelayOptions,
} from './createWalletClient.js'
export {
  type ConnectParameters,
  type ConnectReturnType,
  type CreateWalletClientFromTransportsParameters,
  createWalletClientFromTransports,
  type DisconnectOptions,
  type SignAndSendTransactionOptions,
  type SignMessageOptions,
  type WalletClient,
  type WalletTransportFactories,
} from './createWalletClientFromTransports.js'
export {
  type CreateRpcSenderParameters,
  createRpcSender,
  type SendSignedTransaction,
} from './sendSignedTransaction.js'
export { type WalletActions, walletActions } from './walletActions.js'
export {
  initialWalletState,
  type WalletMethod,
  type WalletResponse,
  type WalletState,
  type WalletStatus,
  type WalletStatusFlags,
  type WalletTransportType,
  walletStatusFlags,
} from './walletState.js'
export type {
  DeeplinkTransports,
  SendOptions,
  TransportContext,
  TransportRequestOptions,
  TransportStatePatch,
  WalletTransport,
} from './walletTransport.js'

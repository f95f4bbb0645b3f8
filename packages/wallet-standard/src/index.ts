// @dapplink/wallet-standard: dapplink's wallets as Wallet Standard wallets. Only registration is loaded up
// front; each transport, the wallet client and the pairing modal load with import() when a wallet is used.

export type { PairingModalView } from './modal/openPairingModal.js'
export {
  type DapplinkAppParameters,
  type DeeplinkWalletsParameters,
  type MetamaskWalletParameters,
  type RegisterDapplinkWalletsParameters,
  type RegisterDapplinkWalletsReturnType,
  type RelayWalletParameters,
  registerDapplinkWallets,
} from './registerDapplinkWallets.js'
export type { PairingSurface } from './session/createRelayWalletSession.js'
export type { DeeplinkAnswer } from './session/deeplinkAnswers.js'
export type {
  SessionSendOptions,
  SessionSignInInput,
  WalletSession,
  WalletSessionLoader,
} from './session/walletSession.js'
export {
  type CreateStandardWalletParameters,
  createStandardWallet,
  type DapplinkSignInWallet,
  type DapplinkStandardWallet,
  type DapplinkWalletFeatures,
} from './wallet/createStandardWallet.js'
export {
  initialWalletMachineState,
  type MachineAccount,
  type WalletMachineInput,
  type WalletMachineOutput,
  type WalletMachineState,
  type WalletMachineStep,
  walletMachine,
} from './wallet/walletMachine.js'

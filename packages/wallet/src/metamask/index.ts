// @dapplink/wallet/metamask: the wallet side of MetaMask's Mobile Wallet Protocol (MWP), built on
// MetaMask's @metamask/mobile-wallet-protocol-core. A separate entry so that other wallets never load it.

export {
  answerMwpPayload,
  evmProvider,
  type MwpAnswerContext,
  multichainProvider,
} from './answerMwpPayload.js'
export { buildMwpLink } from './buildMwpLink.js'
export {
  type CreateMwpWalletParameters,
  createMwpWallet,
  type MwpWallet,
  type MwpWalletSession,
  type MwpWalletSessionStatus,
} from './createMwpWallet.js'
export {
  ExpiredMwpLinkError,
  InvalidMwpPeerKeyError,
  MalformedMwpLinkError,
  MwpHandshakeTimeoutError,
  MwpSenderMissingError,
  MwpSessionStateError,
  MwpWalletError,
  OversizedMwpLinkError,
} from './errors.js'
export { evmAddress, personalSign, personalSignMessageBytes } from './evmSigner.js'
export { createMemoryKvStore } from './memoryKvStore.js'
export { createMwpMemorySessionStore } from './memorySessionStore.js'
export {
  approveSession,
  authorizeInvoke,
  evmMethods,
  getSessionResult,
  type InvokeAuthorization,
  type MultichainSessionState,
  proposeSession,
  type RpcError,
  type SessionProposal,
  type SessionScope,
  solanaMethods,
  solanaScopes,
  type WalletCapabilities,
} from './multichainSession.js'
export { createMwpKeyManager } from './mwpKeyManager.js'
export { type MwpOtpDisplay, MwpWalletClient, type MwpWalletClientParameters } from './mwpWalletClient.js'
export type { MwpRequestHandler, MwpTransactionSender, MwpWalletRequest } from './mwpWalletRequest.js'
export {
  type MwpConnectionRequest,
  type MwpDappMetadata,
  type ParseMwpLinkParameters,
  parseMwpLink,
} from './parseMwpLink.js'
export { createSiwsMessageText, type SiwsInput } from './siwsMessage.js'
export {
  type SolanaSignInResult,
  type SolanaSignMessageResult,
  signSolanaMessage,
  signSolanaSignIn,
  signSolanaTransaction,
} from './solanaSigner.js'

import type nacl from 'tweetnacl'
import type { RpcClient } from '../rpc/createRpcClient.js'
import type { WalletSettings } from '../settings/walletSettings.js'
import type { KeyValueStorage } from '../storage/keyValueStorage.js'

/** The tone of a status line, for styling. */
export type StatusTone = 'info' | 'success' | 'error'

/** What the flows (deeplink, relay) share: the account, the cluster, and the screen's common parts. */
export type WalletContext = {
  account: nacl.SignKeyPair
  /** base58 of the account's public key. */
  publicKey: string
  settings: WalletSettings
  rpc: RpcClient
  storage: KeyValueStorage
  /** The wallet's deeplink base URL: `<origin>/ul/v1/`. */
  baseUrl: string
  /** Leaves the page (the redirect back to the dapp). */
  navigate: (url: string) => void
  setStatus: (text: string, tone?: StatusTone) => void
  refreshBalance: () => Promise<void>
}

import { defineWalletProfile } from './walletProfile.js'

/**
 * Phantom: https://phantom.app/ul/v1/<method>. Its docs mark the signAndSendTransaction deeplink
 * deprecated ("use signTransaction or signAllTransactions"): the wallet client signs, then sends through
 * the dapp's RPC endpoint when one is configured.
 */
export const phantom = /* @__PURE__ */ defineWalletProfile({
  id: 'phantom',
  name: 'Phantom',
  baseUrl: 'https://phantom.app/ul/v1/',
  encryptionPublicKeyParam: 'phantom_encryption_public_key',
  deprecatedMethods: ['signAndSendTransaction'],
})

/** Solflare: https://solflare.com/ul/v1/<method>. */
export const solflare = /* @__PURE__ */ defineWalletProfile({
  id: 'solflare',
  name: 'Solflare',
  baseUrl: 'https://solflare.com/ul/v1/',
  encryptionPublicKeyParam: 'solflare_encryption_public_key',
})

/**
 * Backpack: https://backpack.app/ul/v1/<method>. Its docs show the key parameter only as a placeholder;
 * parsing falls back to any `*_encryption_public_key` if the wallet uses another name. It accepts no
 * cluster, `mainnet-beta` or its Eclipse chain: never `devnet` or `testnet`.
 */
export const backpack = /* @__PURE__ */ defineWalletProfile({
  id: 'backpack',
  name: 'Backpack',
  baseUrl: 'https://backpack.app/ul/v1/',
  encryptionPublicKeyParam: 'wallet_encryption_public_key',
  clusters: ['mainnet-beta'],
})

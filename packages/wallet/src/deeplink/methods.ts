/** The deeplink methods of the protocol, as they appear in the request path. */
export const deeplinkMethods = [
  'connect',
  'disconnect',
  'signMessage',
  'signTransaction',
  'signAllTransactions',
  'signAndSendTransaction',
] as const

/** One of the deeplink methods. */
export type DeeplinkMethod = (typeof deeplinkMethods)[number]

/** The methods whose parameters travel in an encrypted `payload` (all but `connect`). */
export type EncryptedDeeplinkMethod = Exclude<DeeplinkMethod, 'connect'>

/** Whether `value` is one of the deeplink methods. */
export function isDeeplinkMethod(value: string): value is DeeplinkMethod {
  return (deeplinkMethods as readonly string[]).includes(value)
}

/** The Solana clusters a dapp may ask for on `connect`. */
export const clusters = ['mainnet-beta', 'devnet', 'testnet'] as const

/** One of the Solana clusters. */
export type Cluster = (typeof clusters)[number]

/** Whether `value` is one of the Solana clusters. */
export function isCluster(value: string): value is Cluster {
  return (clusters as readonly string[]).includes(value)
}

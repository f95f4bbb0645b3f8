/** The Solana clusters a deeplink `connect` may name. */
export const clusters = ['mainnet-beta', 'devnet', 'testnet'] as const

export type Cluster = (typeof clusters)[number]

/** Whether a value is one of {@link clusters}. */
export function isCluster(value: unknown): value is Cluster {
  return typeof value === 'string' && (clusters as readonly string[]).includes(value)
}

import { InvalidArgumentError } from '../errors/deeplink.js'

/** The Solana clusters a deeplink `connect` may name. */
export const clusters = ['mainnet-beta', 'devnet', 'testnet'] as const

export type Cluster = (typeof clusters)[number]

/** Whether a value is one of {@link clusters}. */
export function isCluster(value: unknown): value is Cluster {
  return (clusters as readonly unknown[]).includes(value)
}

/** Throws {@link InvalidArgumentError} unless `cluster` is undefined or one of {@link clusters}. */
export function assertCluster(cluster: unknown): void {
  if (cluster !== undefined && !isCluster(cluster))
    throw new InvalidArgumentError(`Unknown cluster "${String(cluster)}"; use one of ${clusters.join(', ')}.`)
}

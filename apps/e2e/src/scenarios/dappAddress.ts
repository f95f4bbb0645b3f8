import type { ServiceUrls } from '../services/startServices.js'

/**
 * A demo dapp's address with this run's service URLs in its query (the demos read their settings there),
 * then `extra` parameters.
 */
export function dappAddress(
  baseUrl: string,
  services: ServiceUrls,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams({
    walletUrl: services.walletUrl,
    relayUrl: services.relayUrl,
    rpcUrl: services.clusterUrl,
    ...extra,
  })
  return `${baseUrl}/?${query}`
}

/** The reference wallet's home page with the local cluster as its RPC node, then `extra` settings. */
export function walletAddress(services: ServiceUrls, extra: Record<string, string> = {}): string {
  return `${services.walletUrl}/?${new URLSearchParams({ rpcUrl: services.clusterUrl, ...extra })}`
}

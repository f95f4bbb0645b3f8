import { assertLength } from '../crypto/assertLength.js'
import { encodeBase58 } from '../crypto/base58.js'
import { InvalidArgumentError, UnsupportedClusterError, UrlTooLongError } from '../errors/deeplink.js'
import { assertCluster, type Cluster } from './cluster.js'
import type { WalletProfile } from './walletProfile.js'

/** Default limit on a deeplink's length: safely under Android's ~31k-character intent failures. */
export const defaultMaxUrlLength = 30_000

export type BuildConnectUrlParameters = {
  profile: WalletProfile
  /** The dapp's URL; the wallet shows it and fetches its metadata. */
  appUrl: string
  /** The dapp's fresh X25519 public key for this connect. */
  dappEncryptionPublicKey: Uint8Array
  /** Where the wallet sends its answer (include the request id, see `withRequestId`). */
  redirectLink: string
  cluster?: Cluster | undefined
  maxUrlLength?: number | undefined
}

/**
 * Builds the plaintext `connect` deeplink:
 * `<baseUrl>connect?app_url=..&dapp_encryption_public_key=..&redirect_link=..&cluster=..`.
 *
 * @throws {UrlTooLongError} past `maxUrlLength`. {@link InvalidArgumentError} for a bad key, URL or cluster;
 * {@link UnsupportedClusterError} for a cluster the profile does not accept.
 */
export function buildConnectUrl(parameters: BuildConnectUrlParameters): string {
  const { profile, appUrl, dappEncryptionPublicKey, redirectLink, cluster } = parameters
  assertAbsoluteUrl(appUrl, 'app URL')
  assertAbsoluteUrl(redirectLink, 'redirect link')
  assertLength(dappEncryptionPublicKey, 32, 'dapp encryption public key')
  assertCluster(cluster)
  if (cluster && profile.clusters && !profile.clusters.includes(cluster))
    throw new UnsupportedClusterError(`${profile.name} does not accept the cluster "${cluster}".`, {
      details: `It accepts ${profile.clusters.join(', ')}, or no cluster.`,
    })
  const query = new URLSearchParams({
    app_url: appUrl,
    dapp_encryption_public_key: encodeBase58(dappEncryptionPublicKey),
    redirect_link: redirectLink,
  })
  if (cluster) query.set('cluster', cluster)
  return checkUrlLength(`${profile.baseUrl}connect?${query}`, parameters.maxUrlLength)
}

/** Throws a typed error unless `value` parses as an absolute URL. */
export function assertAbsoluteUrl(value: string, label: string): void {
  parseAbsoluteUrl(value, label)
}

/** Parses an absolute URL, or throws {@link InvalidArgumentError} naming `label`. */
export function parseAbsoluteUrl(value: string, label: string): URL {
  try {
    return new URL(value)
  } catch (cause) {
    throw new InvalidArgumentError(`The ${label} is not an absolute URL.`, { details: String(value), cause })
  }
}

/** Returns `url`, or throws {@link UrlTooLongError} when it is longer than `maxUrlLength`. */
export function checkUrlLength(url: string, maxUrlLength = defaultMaxUrlLength): string {
  if (url.length > maxUrlLength) throw new UrlTooLongError(url.length, maxUrlLength)
  return url
}

import { InvalidArgumentError } from '../errors/deeplink.js'
import { assertAbsoluteUrl } from './buildConnectUrl.js'
import { assertCluster } from './cluster.js'
import { type CreateDeeplinkClientParameters, defaultRequestTtlMs } from './deeplinkClient.js'
import type { DeeplinkRequestConfig } from './prepareDeeplinkRequest.js'
import { withRequestId } from './requestId.js'
import { defineWalletProfile } from './walletProfile.js'

/** A deeplink client's checked configuration: what its requests need, and how long one may stay pending. */
export type DeeplinkClientConfig = DeeplinkRequestConfig & { requestTtlMs: number }

/**
 * Checks a client's parameters up front (pure checks, no I/O), so a misconfigured client fails where it is
 * created: the profile, absolute URLs, the cluster, positive limits. Throws the typed errors of each check.
 */
export function readDeeplinkClientConfig(parameters: CreateDeeplinkClientParameters): DeeplinkClientConfig {
  const { appUrl, redirectLink, cluster, maxUrlLength, maxResponseUrlLength } = parameters
  const profile = defineWalletProfile(parameters.profile)
  assertAbsoluteUrl(appUrl, 'app URL')
  withRequestId(redirectLink, '11111111')
  assertCluster(cluster)
  const requestTtlMs = parameters.requestTtlMs ?? defaultRequestTtlMs
  for (const [name, value] of Object.entries({ maxUrlLength, maxResponseUrlLength, requestTtlMs }))
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw new InvalidArgumentError(`${name} must be a positive number.`)
  return {
    profile,
    appUrl,
    redirectLink,
    cluster,
    maxUrlLength,
    now: parameters.now ?? Date.now,
    requestTtlMs,
  }
}

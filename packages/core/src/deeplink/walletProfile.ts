import { InvalidArgumentError } from '../errors/deeplink.js'
import { type Cluster, isCluster } from './cluster.js'

/** The six methods of the Phantom/Solflare/Backpack deeplink protocol. */
export const deeplinkMethods = [
  'connect',
  'disconnect',
  'signMessage',
  'signTransaction',
  'signAllTransactions',
  'signAndSendTransaction',
] as const

export type DeeplinkMethod = (typeof deeplinkMethods)[number]

/** Plain data describing one wallet's deeplink endpoint. Serializable, so it survives a reload. */
export type WalletProfile = {
  /** Stable id, e.g. `'phantom'`. */
  readonly id: string
  /** Human name, e.g. `'Phantom'`. */
  readonly name: string
  /** Method URLs are `baseUrl + method`, e.g. `https://phantom.app/ul/v1/`. Ends with `/`. */
  readonly baseUrl: string
  /** The connect answer's key parameter, e.g. `phantom_encryption_public_key`. */
  readonly encryptionPublicKeyParam: string
  /** The methods this wallet implements; calling another throws `UnsupportedMethodError`. */
  readonly methods: readonly DeeplinkMethod[]
  /** Methods the wallet's docs mark deprecated; still sent when asked for (the wallet client avoids them). */
  readonly deprecatedMethods: readonly DeeplinkMethod[]
  /** The clusters `connect` may name for this wallet (no cluster is always accepted); undefined: all. */
  readonly clusters: readonly Cluster[] | undefined
}

export type DefineWalletProfileParameters = {
  id: string
  name: string
  baseUrl: string
  encryptionPublicKeyParam: string
  /** Defaults to all six methods. */
  methods?: readonly DeeplinkMethod[] | undefined
  /** Defaults to none. */
  deprecatedMethods?: readonly DeeplinkMethod[] | undefined
  /** Defaults to every cluster. */
  clusters?: readonly Cluster[] | undefined
}

/**
 * Describes a wallet that speaks the Phantom-style deeplink protocol. Validates and freezes it.
 *
 * @example
 * const reference = defineWalletProfile({
 *   id: 'reference', name: 'Reference wallet', baseUrl: 'http://localhost:4000/ul/v1/',
 *   encryptionPublicKeyParam: 'wallet_encryption_public_key',
 * })
 */
export function defineWalletProfile(parameters: DefineWalletProfileParameters): WalletProfile {
  const { id, name, baseUrl, encryptionPublicKeyParam, methods = deeplinkMethods } = parameters
  const { deprecatedMethods = [], clusters } = parameters
  const check = (valid: unknown, problem: string) => {
    if (!valid) throw new InvalidArgumentError(`The wallet profile ${JSON.stringify(id)} ${problem}.`)
  }
  check(
    typeof id === 'string' && /^[\w.-]{1,64}$/.test(id),
    'needs an id of 1-64 letters, digits, ".", "-", "_"',
  )
  check(typeof name === 'string' && name, 'needs a name')
  let url: URL | undefined
  try {
    url = new URL(baseUrl)
  } catch {
    // reported below
  }
  check(
    url && !url.search && !url.hash && baseUrl.endsWith('/'),
    'needs a baseUrl ending in "/", with no query or hash',
  )
  check(
    typeof encryptionPublicKeyParam === 'string' &&
      /^\w+_encryption_public_key$/.test(encryptionPublicKeyParam),
    'needs an encryptionPublicKeyParam ending in "_encryption_public_key"',
  )
  for (const method of methods)
    check(deeplinkMethods.includes(method), `lists an unknown method "${String(method)}"`)
  check(methods.includes('connect'), 'must support connect')
  for (const method of deprecatedMethods)
    check(methods.includes(method), `marks "${String(method)}" deprecated but does not list it`)
  for (const cluster of clusters ?? [])
    check(isCluster(cluster), `lists an unknown cluster "${String(cluster)}"`)
  return Object.freeze({
    id,
    name,
    baseUrl,
    encryptionPublicKeyParam,
    methods: Object.freeze([...new Set(methods)]),
    deprecatedMethods: Object.freeze([...new Set(deprecatedMethods)]),
    clusters: clusters && Object.freeze([...new Set(clusters)]),
  })
}

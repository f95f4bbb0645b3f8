import { InvalidArgumentError } from '../errors/deeplink.js'

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
}

export type DefineWalletProfileParameters = {
  id: string
  name: string
  baseUrl: string
  encryptionPublicKeyParam: string
  /** Defaults to all six methods. */
  methods?: readonly DeeplinkMethod[] | undefined
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
  if (typeof id !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(id))
    throw new InvalidArgumentError(`The wallet profile id ${JSON.stringify(id)} is not valid.`, {
      details: 'Use 1-64 letters, digits, dots, dashes or underscores.',
    })
  if (typeof name !== 'string' || name.length === 0)
    throw new InvalidArgumentError(`The wallet profile "${id}" needs a name.`)
  let parsed: URL
  try {
    parsed = new URL(baseUrl)
  } catch (cause) {
    throw new InvalidArgumentError(`The wallet profile "${id}" has an invalid baseUrl.`, {
      details: baseUrl,
      cause,
    })
  }
  if (!baseUrl.endsWith('/') || parsed.search !== '' || parsed.hash !== '')
    throw new InvalidArgumentError(
      `The wallet profile "${id}" baseUrl must end with "/" and carry no query or hash.`,
      {
        details: `Got ${baseUrl}; expected something like https://phantom.app/ul/v1/`,
      },
    )
  if (
    typeof encryptionPublicKeyParam !== 'string' ||
    !/^[A-Za-z0-9_]+_encryption_public_key$/.test(encryptionPublicKeyParam)
  )
    throw new InvalidArgumentError(
      `The wallet profile "${id}" encryptionPublicKeyParam must end in "_encryption_public_key".`,
    )
  for (const method of methods)
    if (!deeplinkMethods.includes(method))
      throw new InvalidArgumentError(
        `The wallet profile "${id}" lists an unknown method "${String(method)}".`,
        {
          details: `Known methods: ${deeplinkMethods.join(', ')}.`,
        },
      )
  if (!methods.includes('connect'))
    throw new InvalidArgumentError(`The wallet profile "${id}" must support connect.`)
  return Object.freeze({
    id,
    name,
    baseUrl,
    encryptionPublicKeyParam,
    methods: Object.freeze([...new Set(methods)]),
  })
}

import nacl from 'tweetnacl'
import { decodeBase58, maxBase58Length } from '../crypto/decodeBase58.js'
import { InvalidRequestError, MethodNotFoundError } from '../errors/walletRequestError.js'
import { type AppOrigin, bindAppOrigin } from './bindAppOrigin.js'
import { type DeeplinkLimits, defaultDeeplinkLimits } from './limits.js'
import { type Cluster, type EncryptedDeeplinkMethod, isCluster, isDeeplinkMethod } from './methods.js'
import { validateRedirectLink } from './validateRedirectLink.js'

/** A parsed `connect` request: everything travels in plaintext. */
export type ConnectDeeplinkRequest = {
  method: 'connect'
  /** The dapp's URL, used to show its metadata (http or https). */
  appUrl: string
  /** The dapp's 32-byte x25519 public key. */
  dappEncryptionPublicKey: Uint8Array
  /** Where to send the answer (validated, unchanged). */
  redirectLink: string
  /** The cluster the dapp asked for; undefined when absent (Phantom then assumes mainnet-beta). */
  cluster: Cluster | undefined
} & AppOrigin

/** A parsed request of a method whose parameters travel in the encrypted `payload`. */
export type EncryptedDeeplinkRequest = {
  method: EncryptedDeeplinkMethod
  /** The dapp's 32-byte x25519 public key, which names the session. */
  dappEncryptionPublicKey: Uint8Array
  /** The 24-byte nonce the payload was boxed with. */
  nonce: Uint8Array
  /** Where to send the answer (validated, unchanged). */
  redirectLink: string
  /** The boxed payload, still encrypted. */
  payload: Uint8Array
}

/** A parsed deeplink request. */
export type DeeplinkRequest = ConnectDeeplinkRequest | EncryptedDeeplinkRequest

export type ParseDeeplinkRequestParameters = {
  /** The wallet's base URL, ending with a slash: `https://phantom.app/ul/v1/`, `http://localhost:3000/ul/v1/`. */
  baseUrl: string
  /** Size caps; defaults to `defaultDeeplinkLimits`. */
  limits?: Partial<DeeplinkLimits> | undefined
  /** Custom redirect schemes this wallet answers (`['myapp:']`); by default any app-shaped scheme (see `validateRedirectLink`). */
  customSchemes?: readonly string[] | undefined
}

const knownParams = ['app_url', 'dapp_encryption_public_key', 'redirect_link', 'cluster', 'nonce', 'payload']

/**
 * Parses and validates an incoming deeplink request URL (`<baseUrl><method>?<query>`). Throws a
 * `WalletRequestError` with the protocol code: `MethodNotFoundError` (-32601) for an unknown method,
 * `InvalidRequestError` (-32000) otherwise; its `redirectLink` is set whenever the request's own was valid,
 * so the wallet can answer with `buildRejectRedirect`.
 *
 * @example
 * const request = parseDeeplinkRequest(url, { baseUrl: 'https://phantom.app/ul/v1/' })
 */
export function parseDeeplinkRequest(
  url: string,
  parameters: ParseDeeplinkRequestParameters,
): DeeplinkRequest {
  const limits = { ...defaultDeeplinkLimits, ...parameters.limits }
  if (typeof url !== 'string' || url.length > limits.maxUrlLength)
    throw new InvalidRequestError('The request URL is too long.', {
      details: `It has ${String(url?.length)} characters; at most ${limits.maxUrlLength} are accepted.`,
    })
  const base = parseBaseUrl(parameters.baseUrl)
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (cause) {
    throw new InvalidRequestError('The request is not an absolute URL.', { cause })
  }

  const params = readParams(parsed.searchParams)
  // The redirect link comes first: once it is known valid, every later error can be answered to the dapp.
  if (params.duplicates.has('redirect_link'))
    throw new InvalidRequestError('The "redirect_link" parameter appears more than once.', {
      details: 'Send it once; the wallet cannot tell which link to answer.',
    })
  const rawRedirectLink = params.get('redirect_link')
  if (rawRedirectLink === undefined)
    throw new InvalidRequestError('The "redirect_link" parameter is missing.', {
      details: 'Every request needs the URL the wallet should return to.',
    })
  const redirectLink = validateRedirectLink(
    rawRedirectLink,
    limits.maxRedirectLinkLength,
    parameters.customSchemes,
  )

  const bare = withoutQuery(parsed)
  if (!bare.startsWith(base))
    throw new InvalidRequestError(`The request URL does not start with this wallet's base URL ${base}.`, {
      redirectLink,
    })
  const method = bare.slice(base.length)
  if (!isDeeplinkMethod(method))
    throw new MethodNotFoundError(`The method "${method.slice(0, 64)}" is not supported.`, {
      details:
        'Supported: connect, disconnect, signMessage, signTransaction, signAllTransactions, signAndSendTransaction.',
      redirectLink,
    })
  const [duplicate] = params.duplicates
  if (duplicate !== undefined)
    throw new InvalidRequestError(`The "${duplicate}" parameter appears more than once.`, {
      details: 'Send each parameter once.',
      redirectLink,
    })

  const required = (name: string): string => {
    const value = params.get(name)
    if (value === undefined)
      throw new InvalidRequestError(`The "${name}" parameter is missing.`, {
        details: `The ${method} request needs ${name}.`,
        redirectLink,
      })
    return value
  }
  const dappEncryptionPublicKey = decodeBase58(required('dapp_encryption_public_key'), {
    field: 'dapp_encryption_public_key',
    length: nacl.box.publicKeyLength,
    maxLength: maxBase58Length(nacl.box.publicKeyLength),
    redirectLink,
  })

  if (method === 'connect') {
    const appUrl = validateAppUrl(required('app_url'), limits.maxAppUrlLength, redirectLink)
    // Before anything is shown or answered: the app URL counts only where the answer really goes.
    const origin = bindAppOrigin(appUrl, redirectLink)
    const cluster = params.get('cluster')
    if (cluster !== undefined && !isCluster(cluster))
      throw new InvalidRequestError(
        `The "cluster" parameter "${cluster.slice(0, 32)}" is not a Solana cluster.`,
        {
          details: 'Use mainnet-beta, devnet or testnet, or leave it out.',
          redirectLink,
        },
      )
    return { method, appUrl, dappEncryptionPublicKey, redirectLink, cluster, ...origin }
  }

  const nonce = decodeBase58(required('nonce'), {
    field: 'nonce',
    length: nacl.box.nonceLength,
    maxLength: maxBase58Length(nacl.box.nonceLength),
    redirectLink,
  })
  const payload = decodeBase58(required('payload'), {
    field: 'payload',
    maxLength: limits.maxPayloadLength,
    redirectLink,
  })
  if (payload.length < nacl.box.overheadLength)
    throw new InvalidRequestError(`The "payload" parameter is ${payload.length} bytes, shorter than a box.`, {
      details: `An encrypted payload has at least ${nacl.box.overheadLength} bytes.`,
      redirectLink,
    })
  return { method, dappEncryptionPublicKey, nonce, redirectLink, payload }
}

function parseBaseUrl(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch (cause) {
    throw new InvalidRequestError(`The wallet's baseUrl "${baseUrl}" is not an absolute URL.`, { cause })
  }
  const bare = withoutQuery(url)
  if (!bare.endsWith('/'))
    throw new InvalidRequestError(`The wallet's baseUrl "${baseUrl}" must end with a slash.`, {
      details: 'E.g. https://phantom.app/ul/v1/ — the method follows it.',
    })
  return bare
}

function withoutQuery(url: URL): string {
  const copy = new URL(url.href)
  copy.search = ''
  copy.hash = ''
  return copy.href
}

type ReadParams = { get(name: string): string | undefined; duplicates: Set<string> }

// Only the protocol's params are read; unknown ones are ignored so newer dapps keep working.
function readParams(search: URLSearchParams): ReadParams {
  const values = new Map<string, string>()
  const duplicates = new Set<string>()
  for (const [name, value] of search) {
    if (!knownParams.includes(name)) continue
    if (values.has(name)) duplicates.add(name)
    else values.set(name, value)
  }
  return { get: (name) => values.get(name), duplicates }
}

function validateAppUrl(value: string, maxLength: number, redirectLink: string): string {
  if (value.length > maxLength)
    throw new InvalidRequestError('The "app_url" parameter is too long.', {
      details: `It has ${value.length} characters; at most ${maxLength} are accepted.`,
      redirectLink,
    })
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '')
    throw new InvalidRequestError('The "app_url" parameter is not an http(s) URL.', {
      details: "Send the dapp's web address, e.g. https://dapp.example; the wallet shows it to the user.",
      redirectLink,
    })
  return value
}

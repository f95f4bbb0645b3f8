import { isCompressedSecp256k1Point } from '../crypto/ecies.js'
import { InvalidConnectionRequestError } from '../errors/metamask.js'
import { base64ToBytes, bytesToBase64 } from './base64.js'

// The MWP connection request the QR code carries, checked by the rules MetaMask Mobile applies
// (app/core/SDKConnectV2/types/connection-request.ts): a UUID id, channel `handshake:<id>`, a 33-byte
// compressed key, a future expiry, an http(s) dapp URL and a name of at most 256 characters.

/** `trusted`: no one-time code (what MetaMask Mobile completes); `untrusted`: the wallet shows a code to type. */
export type ConnectionMode = 'trusted' | 'untrusted'

/** The dapp as the wallet shows it. */
export type DappMetadata = { name: string; url: string; iconUrl?: string | undefined }

/** The connection request, as MetaMask's dapp client writes it. */
export type ConnectionRequest = {
  sessionRequest: {
    id: string
    mode: ConnectionMode
    channel: string
    publicKeyB64: string
    expiresAt: number
  }
  metadata: {
    dapp: DappMetadata
    sdk: { version: string; platform: string }
  }
}

/** How long a pairing QR code is valid: 60 s, as in MetaMask's dapp client. */
export const connectionRequestTtlMs = 60_000
/** A request larger than this (UTF-8 JSON) is refused: the QR code would be unreadable anyway. */
export const maxConnectionRequestBytes = 4096
const maxDappNameLength = 256
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Parameters of {@link createConnectionRequest}. */
export type CreateConnectionRequestParameters = {
  publicKey: Uint8Array
  dapp: DappMetadata
  mode?: ConnectionMode | undefined
  /** The time now, in ms (injected for tests). */
  now: number
  ttlMs?: number | undefined
  /** A fresh random UUID by default. */
  id?: string | undefined
  sdkVersion?: string | undefined
}

/**
 * Builds and checks the connection request for a fresh pairing (mode `trusted` unless asked otherwise).
 *
 * @example
 * const request = createConnectionRequest({ publicKey, dapp: { name: 'Dapp', url: 'https://dapp.example' }, now: Date.now() })
 */
export function createConnectionRequest(parameters: CreateConnectionRequestParameters): ConnectionRequest {
  const { publicKey, dapp, mode = 'trusted', now, ttlMs = connectionRequestTtlMs } = parameters
  const id = parameters.id ?? globalThis.crypto.randomUUID()
  const request: ConnectionRequest = {
    sessionRequest: {
      id,
      mode,
      channel: `handshake:${id}`,
      publicKeyB64: bytesToBase64(publicKey),
      expiresAt: now + ttlMs,
    },
    metadata: {
      dapp: {
        name: dapp.name,
        url: dapp.url,
        ...(dapp.iconUrl === undefined ? {} : { iconUrl: dapp.iconUrl }),
      },
      sdk: { version: parameters.sdkVersion ?? '0.0.0', platform: 'dapplink' },
    },
  }
  return validateConnectionRequest(request, now)
}

/**
 * Checks untrusted input as a connection request, with MetaMask Mobile's rules. Throws
 * `InvalidConnectionRequestError` saying which rule failed.
 */
export function validateConnectionRequest(input: unknown, now: number): ConnectionRequest {
  const fail = (shortMessage: string, details?: string): never => {
    throw new InvalidConnectionRequestError(shortMessage, { details })
  }
  const size = new TextEncoder().encode(JSON.stringify(input) ?? '').length
  if (size > maxConnectionRequestBytes)
    fail(`The connection request is ${size} bytes; at most ${maxConnectionRequestBytes} fit a QR code.`)
  if (!isRecord(input) || !isRecord(input.sessionRequest) || !isRecord(input.metadata))
    return fail('The connection request has no sessionRequest or metadata object.')
  const { id, mode, channel, publicKeyB64, expiresAt } = input.sessionRequest
  if (typeof id !== 'string' || !uuidPattern.test(id)) return fail('The session request id is not a UUID.')
  if (mode !== 'trusted' && mode !== 'untrusted')
    return fail(`The mode ${JSON.stringify(mode)} is neither 'trusted' nor 'untrusted'.`)
  if (channel !== `handshake:${id}`) return fail('The channel is not `handshake:<id>`.')
  if (typeof publicKeyB64 !== 'string') return fail('The public key is missing.')
  let key: Uint8Array | undefined
  try {
    key = base64ToBytes(publicKeyB64)
  } catch {
    key = undefined
  }
  if (!key || !isCompressedSecp256k1Point(key))
    return fail('The public key is not a 33-byte compressed secp256k1 point in base64.')
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || expiresAt <= now)
    return fail('The connection request has expired.', `expiresAt ${String(expiresAt)}, now ${now}.`)
  const { dapp, sdk } = input.metadata
  if (!isRecord(dapp) || typeof dapp.name !== 'string' || dapp.name.length === 0)
    return fail('The dapp metadata has no name.')
  if (dapp.name.length > maxDappNameLength)
    return fail(`The dapp name has ${dapp.name.length} characters; at most ${maxDappNameLength}.`)
  if (typeof dapp.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(dapp.url) || !URL.canParse(dapp.url))
    return fail('The dapp URL is not an http(s) URL.', String(dapp.url))
  if (dapp.iconUrl !== undefined && typeof dapp.iconUrl !== 'string')
    return fail('The dapp icon URL is not a string.')
  if (!isRecord(sdk) || typeof sdk.version !== 'string' || typeof sdk.platform !== 'string')
    return fail('The sdk metadata needs a version and a platform.')
  return input as ConnectionRequest
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

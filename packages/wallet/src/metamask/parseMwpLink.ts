import { decodeBase64, isCompressedSecp256k1Point } from '@dapplink/core/relay'
import type { SessionRequest } from '@metamask/mobile-wallet-protocol-core'
import { ExpiredMwpLinkError, MalformedMwpLinkError, OversizedMwpLinkError } from './errors.js'
import { inflateBounded } from './inflateBounded.js'

/** The dapp as its connection request describes it (shown to the user before approving). */
export type MwpDappMetadata = {
  name: string
  url: string
  iconUrl?: string | undefined
  base64Icon?: string | undefined
}

/** A validated connection request from a `metamask://connect/mwp?p=…&c=1` link. */
export type MwpConnectionRequest = {
  /** MetaMask's session request, as `@metamask/mobile-wallet-protocol-core` types it. */
  sessionRequest: SessionRequest
  /** The dapp's compressed secp256k1 public key (33 bytes), decoded from `publicKeyB64`. */
  dappPublicKey: Uint8Array
  metadata: { dapp: MwpDappMetadata; sdk?: { version: string; platform: string } | undefined }
}

/** Bounds and clock of {@link parseMwpLink}. */
export type ParseMwpLinkParameters = {
  /** Now, in ms (injected for tests). Default `Date.now()`. */
  now?: number
  /** Longest link accepted, in characters. Default 32 768. */
  maxLinkLength?: number
  /** Largest inflated request JSON, in bytes. Default 65 536. */
  maxRequestBytes?: number
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const maxNameLength = 256
const maxUrlLength = 2_048

/**
 * Parses and validates a MetaMask Mobile Wallet Protocol connection link, as MetaMask Mobile does:
 * `metamask://connect/mwp?p=<P>&c=1` (or the `https://metamask.app.link/connect/mwp` universal
 * link), where `P` is URL-encoded base64 of the zlib-deflated JSON `{ sessionRequest, metadata }`
 * (`c=1`; without it, of the JSON itself). Throws {@link MalformedMwpLinkError},
 * {@link OversizedMwpLinkError} or {@link ExpiredMwpLinkError}.
 *
 * @example
 * const request = await parseMwpLink(scannedText)
 * showApproval(request.metadata.dapp.name, request.metadata.dapp.url)
 */
export async function parseMwpLink(
  link: string,
  parameters: ParseMwpLinkParameters = {},
): Promise<MwpConnectionRequest> {
  const now = parameters.now ?? Date.now()
  const maxLinkLength = parameters.maxLinkLength ?? 32_768
  const maxRequestBytes = parameters.maxRequestBytes ?? 65_536
  if (typeof link !== 'string') throw new MalformedMwpLinkError('The connection link is not a string.')
  if (link.length > maxLinkLength)
    throw new OversizedMwpLinkError('connection link', link.length, maxLinkLength)
  const url = parseUrl(link)
  const encoded = url.searchParams.get('p')
  if (!encoded) throw new MalformedMwpLinkError('The connection link has no "p" parameter.')
  const packed = encoded.length % 4 === 0 ? decodeBase64(encoded) : undefined
  if (!packed) {
    throw new MalformedMwpLinkError('The "p" parameter of the connection link is not base64.', {
      details: 'A "+" that was not URL-encoded turns into a space: the dapp must URL-encode p.',
    })
  }
  const compressed = url.searchParams.get('c')
  let json: Uint8Array
  if (compressed === '1') {
    try {
      json = await inflateBounded(packed, maxRequestBytes)
    } catch (cause) {
      if (cause instanceof OversizedMwpLinkError) throw cause
      throw new MalformedMwpLinkError('The "p" parameter is not zlib-deflated data.', { cause })
    }
  } else if (compressed === null || compressed === '0') {
    if (packed.length > maxRequestBytes)
      throw new OversizedMwpLinkError('connection request', packed.length, maxRequestBytes)
    json = packed
  } else {
    throw new MalformedMwpLinkError(
      `The connection link has c=${JSON.stringify(compressed)}; only c=1 (deflated) is known.`,
    )
  }
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json))
  } catch (cause) {
    throw new MalformedMwpLinkError('The connection request is not UTF-8 JSON.', { cause })
  }
  return validateConnectionRequest(value, now)
}

function parseUrl(link: string): URL {
  let url: URL
  try {
    url = new URL(link)
  } catch (cause) {
    throw new MalformedMwpLinkError('The connection link is not a URL.', { cause })
  }
  const isScheme = url.protocol === 'metamask:' && url.host === 'connect' && url.pathname === '/mwp'
  const isUniversal =
    url.protocol === 'https:' && url.host === 'metamask.app.link' && url.pathname === '/connect/mwp'
  if (!isScheme && !isUniversal) {
    throw new MalformedMwpLinkError('The link is not a MetaMask connection link.', {
      details: 'Expected metamask://connect/mwp?p=…&c=1 or https://metamask.app.link/connect/mwp?p=…&c=1.',
    })
  }
  return url
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function fail(what: string): never {
  throw new MalformedMwpLinkError(`The connection request's ${what}.`)
}

function validateConnectionRequest(value: unknown, now: number): MwpConnectionRequest {
  if (!isRecord(value)) fail('JSON is not an object')
  const request = value['sessionRequest']
  if (!isRecord(request)) fail('sessionRequest is missing')
  const id = request['id']
  if (typeof id !== 'string' || !uuidPattern.test(id)) fail('sessionRequest.id is not a UUID')
  const mode = request['mode']
  if (mode !== 'trusted' && mode !== 'untrusted')
    fail('sessionRequest.mode is neither "trusted" nor "untrusted"')
  if (request['channel'] !== `handshake:${id}`) fail('sessionRequest.channel is not "handshake:<id>"')
  const publicKeyB64 = request['publicKeyB64']
  const dappPublicKey = typeof publicKeyB64 === 'string' ? decodeBase64(publicKeyB64) : undefined
  if (typeof publicKeyB64 !== 'string' || !dappPublicKey) fail('publicKeyB64 is not base64')
  if (!isCompressedSecp256k1Point(dappPublicKey)) {
    fail(`publicKeyB64 (${dappPublicKey.length} bytes) is not a compressed secp256k1 public key`)
  }
  const expiresAt = request['expiresAt']
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) fail('expiresAt is not a number')
  if (expiresAt <= now) throw new ExpiredMwpLinkError(expiresAt, now)
  const initialMessage = request['initialMessage']
  if (initialMessage !== undefined && (!isRecord(initialMessage) || initialMessage['type'] !== 'message')) {
    fail('initialMessage is not a { type: "message", payload } message')
  }
  const metadata = value['metadata']
  if (!isRecord(metadata) || !isRecord(metadata['dapp'])) fail('metadata.dapp is missing')
  const dapp = metadata['dapp']
  const name = dapp['name']
  if (typeof name !== 'string' || name.length === 0 || name.length > maxNameLength) {
    fail(`metadata.dapp.name is not a string of 1 to ${maxNameLength} characters`)
  }
  const dappUrl = dapp['url']
  if (!isHttpUrl(dappUrl)) fail('metadata.dapp.url is not an http(s) URL')
  const iconUrl = dapp['iconUrl']
  if (iconUrl !== undefined && !isHttpUrl(iconUrl)) fail('metadata.dapp.iconUrl is not an http(s) URL')
  const base64Icon = dapp['base64Icon']
  if (base64Icon !== undefined && typeof base64Icon !== 'string')
    fail('metadata.dapp.base64Icon is not a string')
  const sdk = metadata['sdk']
  if (
    sdk !== undefined &&
    (!isRecord(sdk) || typeof sdk['version'] !== 'string' || typeof sdk['platform'] !== 'string')
  ) {
    fail('metadata.sdk is not { version, platform }')
  }
  const sessionRequest: SessionRequest = { id, mode, channel: `handshake:${id}`, publicKeyB64, expiresAt }
  if (initialMessage !== undefined)
    sessionRequest.initialMessage = { type: 'message', payload: initialMessage['payload'] }
  return {
    sessionRequest,
    dappPublicKey,
    metadata: {
      dapp: { name, url: dappUrl, iconUrl, base64Icon },
      sdk:
        sdk === undefined
          ? undefined
          : { version: String(sdk['version']), platform: String(sdk['platform']) },
    },
  }
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > maxUrlLength) return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

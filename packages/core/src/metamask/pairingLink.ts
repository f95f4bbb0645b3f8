import { InvalidConnectionRequestError } from '../errors/metamask.js'
import { base64ToBytes, bytesToBase64 } from './base64.js'
import {
  type ConnectionRequest,
  maxConnectionRequestBytes,
  validateConnectionRequest,
} from './connectionRequest.js'

// p = URL-encoded base64 of the zlib-deflated (RFC 1950) UTF-8 JSON of the request, c=1 says "compressed".
// CompressionStream('deflate') writes RFC 1950 like pako.deflate, with no 45 KiB library.

/** What MetaMask Mobile's in-app scanner routes: put this one in the QR code. */
export const metamaskQrLinkBase = 'metamask://connect/mwp'
/** The universal link, for a dapp open in a browser on the same phone as the wallet. */
export const metamaskUniversalLinkBase = 'https://metamask.app.link/connect/mwp'

/** The two links of one pairing. */
export type PairingLinks = { qrLink: string; universalLink: string }

/**
 * Deflates and encodes a connection request into the QR link and the universal link.
 *
 * @example
 * const { qrLink } = await buildPairingLinks(request) // metamask://connect/mwp?p=eJy...&c=1
 */
export async function buildPairingLinks(request: ConnectionRequest): Promise<PairingLinks> {
  const json = new TextEncoder().encode(JSON.stringify(request))
  const compressed = await transform(json, new CompressionStream('deflate'))
  const query = `?p=${encodeURIComponent(bytesToBase64(compressed))}&c=1`
  return { qrLink: `${metamaskQrLinkBase}${query}`, universalLink: `${metamaskUniversalLinkBase}${query}` }
}

/**
 * Reads a pairing link back into its checked connection request (the wallet side, and tests). Throws
 * `InvalidConnectionRequestError` for a link that is not one, a body that does not inflate, or a request
 * that breaks a rule.
 */
export async function parsePairingLink(link: string, now: number): Promise<ConnectionRequest> {
  let url: URL
  try {
    url = new URL(link)
  } catch (cause) {
    throw new InvalidConnectionRequestError('The pairing link is not a URL.', { cause })
  }
  const base = `${url.protocol}//${url.host}${url.pathname}`
  if (base !== metamaskQrLinkBase && base !== metamaskUniversalLinkBase)
    throw new InvalidConnectionRequestError('The link is not a MetaMask pairing link.', { details: base })
  const encoded = url.searchParams.get('p')
  if (encoded === null) throw new InvalidConnectionRequestError('The pairing link has no `p` parameter.')
  let json: Uint8Array
  try {
    const body = base64ToBytes(encoded)
    json =
      url.searchParams.get('c') === '1'
        ? await transform(body, new DecompressionStream('deflate'), maxConnectionRequestBytes)
        : body
  } catch (cause) {
    if (cause instanceof InvalidConnectionRequestError) throw cause
    throw new InvalidConnectionRequestError('The `p` parameter is not deflated base64.', { cause })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json))
  } catch (cause) {
    throw new InvalidConnectionRequestError('The connection request is not UTF-8 JSON.', { cause })
  }
  return validateConnectionRequest(parsed, now)
}

/** The link that brings the wallet of an existing session back to the foreground. */
export function buildWakeUpLink(sessionId: string): string {
  return `${metamaskQrLinkBase}?id=${encodeURIComponent(sessionId)}`
}

/** Opens the wake-up link of `sessionId` with `openLink`, or else by navigating the page (in a browser). */
export function openWakeUpLink(sessionId: string, openLink: ((url: string) => void) | undefined): void {
  const link = buildWakeUpLink(sessionId)
  if (openLink) openLink(link)
  else if (typeof window !== 'undefined') window.location.assign(link)
}

/** Runs bytes through a (de)compression stream; stops reading past `limit` bytes (a deflate bomb). */
async function transform(
  input: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit = Infinity,
) {
  const writer = stream.writable.getWriter()
  void writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {})
  void writer.close().catch(() => {})
  const reader = stream.readable.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.length
    if (length > limit) {
      void reader.cancel().catch(() => {})
      throw new InvalidConnectionRequestError(
        `The connection request inflates past ${limit} bytes; it is refused unread.`,
      )
    }
    chunks.push(value)
  }
  const output = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    output.set(chunk, offset)
    offset += chunk.length
  }
  return output
}

import { isCompressedSecp256k1Point } from '../crypto/ecies.js'
import { InvalidPairingUriError, PairingUriVersionError } from '../errors/relay.js'
import { decodeBase64Url, encodeBase64Url } from './base64url.js'
import { channelIdLength, compressedPublicKeyLength, protocolVersion, secretLength } from './constants.js'
import { relayUrlProblem } from './relayUrl.js'

/** What a wallet learns from the QR code (docs/protocol.md section 2). */
export type PairingUriParameters = {
  /** The relay's socket.io URL: wss/https, or ws/http to localhost only. */
  relayUrl: string
  /** The channel id `C`, 16 bytes. */
  channelId: Uint8Array
  /** The dapp's compressed secp256k1 ECIES public key `Pd`, 33 bytes. */
  dappPublicKey: Uint8Array
  /** The pairing secret `S`, 32 bytes. Authenticates the handshake; never sent to the relay. */
  secret: Uint8Array
  /** Display only, before the handshake; like `connect`'s values, an unverified claim of the dapp. */
  name?: string | undefined
  url?: string | undefined
}

const prefix = 'dapplink:pair?'
const maxUriLength = 4096
const known = new Set(['v', 'relay', 'channel', 'key', 'secret', 'name', 'url'])

/**
 * Builds the pairing URI shown as a QR code.
 *
 * @example
 * buildPairingUri({ relayUrl: 'wss://relay.example', channelId, dappPublicKey, secret })
 * // 'dapplink:pair?v=2&relay=wss%3A%2F%2Frelay.example&channel=...&key=...&secret=...'
 */
export function buildPairingUri(parameters: PairingUriParameters): string {
  const query = new URLSearchParams({
    v: String(protocolVersion),
    relay: parameters.relayUrl,
    channel: encodeBase64Url(parameters.channelId),
    key: encodeBase64Url(parameters.dappPublicKey),
    secret: encodeBase64Url(parameters.secret),
  })
  if (parameters.name !== undefined) query.set('name', parameters.name)
  if (parameters.url !== undefined) query.set('url', parameters.url)
  // URLSearchParams writes spaces as '+'; %20 survives every QR and deeplink handler.
  return prefix + query.toString().replaceAll('+', '%20')
}

/**
 * Parses and validates a pairing URI, throwing `InvalidPairingUriError` with the reason (its subclass
 * `PairingUriVersionError` for a URI of another protocol version, e.g. `v=1` from an older dapp).
 *
 * @example
 * const { relayUrl, channelId, dappPublicKey, secret } = parsePairingUri(scannedText)
 */
export function parsePairingUri(uri: string): PairingUriParameters {
  if (typeof uri !== 'string') throw new InvalidPairingUriError('The pairing URI is not a string.')
  if (uri.length > maxUriLength)
    throw new InvalidPairingUriError(
      `The pairing URI has ${uri.length} characters; at most ${maxUriLength} are accepted.`,
    )
  if (!uri.startsWith(prefix))
    throw new InvalidPairingUriError('This is not a dapplink pairing URI.', {
      details: `A pairing URI starts with "${prefix}"; scan the QR code the dapp shows.`,
    })
  const query = new URLSearchParams(uri.slice(prefix.length))
  const seen = new Set<string>()
  for (const key of query.keys()) {
    if (seen.has(key)) throw new InvalidPairingUriError(`The pairing URI repeats the "${key}" parameter.`)
    seen.add(key)
    if (!known.has(key))
      throw new InvalidPairingUriError(`The pairing URI has an unknown parameter "${key}".`)
  }
  const read = (name: string): string => {
    const value = query.get(name)
    if (value === null || value === '')
      throw new InvalidPairingUriError(`The pairing URI has no "${name}" parameter.`, {
        details: 'The QR code may be cut off; ask the dapp for a new one.',
      })
    return value
  }
  const version = read('v')
  // A v1 dapp's URI parses otherwise, but its handshake cannot complete with this wallet: say so now.
  if (version !== String(protocolVersion)) throw new PairingUriVersionError(version, protocolVersion)
  const relayUrl = read('relay')
  // Clear text to another machine would hand the wallet's join token to anyone on the path.
  const relayProblem = relayUrlProblem(relayUrl)
  if (relayProblem) throw new InvalidPairingUriError(relayProblem)
  const channelId = readBytes(read('channel'), 'channel', channelIdLength)
  const dappPublicKey = readBytes(read('key'), 'key', compressedPublicKeyLength)
  if (!isCompressedSecp256k1Point(dappPublicKey))
    throw new InvalidPairingUriError(
      'The dapp key in the pairing URI is not a valid compressed secp256k1 point.',
    )
  const secret = readBytes(read('secret'), 'secret', secretLength)
  const name = query.get('name') ?? undefined
  const url = query.get('url') ?? undefined
  return { relayUrl, channelId, dappPublicKey, secret, name, url }
}

function readBytes(text: string, name: string, length: number): Uint8Array {
  const bytes = decodeBase64Url(text)
  if (!bytes) throw new InvalidPairingUriError(`The "${name}" parameter of the pairing URI is not base64url.`)
  if (bytes.length !== length)
    throw new InvalidPairingUriError(
      `The "${name}" parameter of the pairing URI has ${bytes.length} bytes; it must be ${length} bytes.`,
    )
  return bytes
}

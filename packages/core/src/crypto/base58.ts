import bs58 from 'bs58'
import { InvalidBase58Error } from '../errors/deeplink.js'

/** Encodes bytes as base58 (bitcoin alphabet), the encoding of every binary value in deeplinks. */
export function encodeBase58(bytes: Uint8Array): string {
  return bs58.encode(bytes)
}

export type DecodeBase58Options = {
  /** What the value is, for error messages (`'nonce'`, `'data'`...). */
  label?: string | undefined
  /** The exact decoded length required, in bytes. */
  length?: number | undefined
  /** Refuse longer inputs before decoding: base58 decoding is quadratic in the input length. */
  maxLength?: number | undefined
}

/**
 * Decodes base58 (bitcoin alphabet) and checks the decoded length.
 *
 * @throws {InvalidBase58Error} on a non-string, a character outside the alphabet, or a wrong length.
 * @example
 * const nonce = decodeBase58(params.nonce, { label: 'nonce', length: 24 })
 */
export function decodeBase58(value: unknown, options: DecodeBase58Options = {}): Uint8Array {
  const { label = 'value', length, maxLength } = options
  if (typeof value !== 'string') throw new InvalidBase58Error(`The ${label} is not a base58 string.`)
  if (maxLength !== undefined && value.length > maxLength)
    throw new InvalidBase58Error(
      `The ${label} is ${value.length} characters long; at most ${maxLength} are accepted.`,
    )
  let bytes: Uint8Array
  try {
    bytes = bs58.decode(value)
  } catch (cause) {
    throw new InvalidBase58Error(`The ${label} is not valid base58 (bitcoin alphabet: no 0, O, I, l).`, {
      cause,
    })
  }
  if (length !== undefined && bytes.length !== length)
    throw new InvalidBase58Error(`The ${label} decodes to ${bytes.length} bytes; it must be ${length} bytes.`)
  return bytes
}

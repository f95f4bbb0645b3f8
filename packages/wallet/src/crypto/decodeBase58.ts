import bs58 from 'bs58'
import { InvalidRequestError } from '../errors/walletRequestError.js'

export type DecodeBase58Parameters = {
  /** The field name, for the error message. */
  field: string
  /** The exact decoded length in bytes, when the field has one (keys, nonces, signatures). */
  length?: number | undefined
  /** The largest accepted text length; checked before decoding because base58 decoding is quadratic. */
  maxLength: number
  /** Carried by the error so the wallet can still answer the dapp. */
  redirectLink?: string | undefined
}

/**
 * Decodes a base58 (bitcoin alphabet) field of outside input, or throws an `InvalidRequestError` (-32000).
 *
 * @example
 * const nonce = decodeBase58(params.nonce, { field: 'nonce', length: 24, maxLength: 64 })
 */
export function decodeBase58(value: string, parameters: DecodeBase58Parameters): Uint8Array {
  const { field, length, maxLength, redirectLink } = parameters
  if (value.length === 0)
    throw new InvalidRequestError(`The "${field}" parameter is empty.`, {
      details: `Send "${field}" as a non-empty base58 string.`,
      redirectLink,
    })
  if (value.length > maxLength)
    throw new InvalidRequestError(`The "${field}" parameter is too long.`, {
      details: `It has ${value.length} characters; at most ${maxLength} are accepted.`,
      redirectLink,
    })
  let bytes: Uint8Array
  try {
    bytes = bs58.decode(value)
  } catch (cause) {
    throw new InvalidRequestError(`The "${field}" parameter is not valid base58.`, {
      details: 'Encode binary values with the bitcoin base58 alphabet (no 0, O, I or l).',
      cause,
      redirectLink,
    })
  }
  if (length !== undefined && bytes.length !== length)
    throw new InvalidRequestError(
      `The "${field}" parameter decodes to ${bytes.length} bytes; it must be ${length} bytes.`,
      {
        redirectLink,
      },
    )
  return bytes
}

/** The longest base58 text that can encode `byteLength` bytes (leading zero bytes encode as one '1' each). */
export function maxBase58Length(byteLength: number): number {
  return Math.ceil(byteLength * 1.3658) + 1
}

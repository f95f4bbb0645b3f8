import { decodeBase58 } from '../crypto/base58.js'
import { openPayload } from '../crypto/openPayload.js'
import type { DapplinkError } from '../errors/base.js'
import { InvalidResponseError } from '../errors/deeplink.js'

// Helpers shared by the response openers: every failure becomes an InvalidResponseError naming the field.

/** Reads a required query parameter. */
export function requireParam(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name]
  if (value === undefined || value === '')
    throw new InvalidResponseError(`The wallet's answer has no "${name}" parameter.`)
  return value
}

/** Decodes a base58 field of an answer, converting encoding errors into InvalidResponseError. */
export function readBase58(value: unknown, label: string, length?: number): Uint8Array {
  try {
    return decodeBase58(value, { label, length })
  } catch (cause) {
    throw new InvalidResponseError(`In the wallet's answer: ${(cause as DapplinkError).shortMessage}`, {
      cause,
    })
  }
}

/** Opens the answer's sealed `data` (with its `nonce`) and reads it as a JSON object. */
export function openAnswerData(
  params: Readonly<Record<string, string>>,
  sharedSecret: Uint8Array,
): Record<string, unknown> {
  const nonce = readBase58(requireParam(params, 'nonce'), 'nonce', 24)
  const ciphertext = readBase58(requireParam(params, 'data'), 'data')
  const plaintext = openPayload(ciphertext, nonce, sharedSecret)
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext))
  } catch {
    // not UTF-8 JSON: refused below
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidResponseError("The wallet's decrypted answer is not a JSON object (UTF-8).")
  return value as Record<string, unknown>
}

/** Reads a required string field of a decrypted answer. */
export function requireString(data: Record<string, unknown>, field: string): string {
  const value = Object.hasOwn(data, field) ? data[field] : undefined
  if (typeof value !== 'string' || value.length === 0)
    throw new InvalidResponseError(`The wallet's answer lacks the string field "${field}".`)
  return value
}

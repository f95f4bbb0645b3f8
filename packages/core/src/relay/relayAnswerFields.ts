import { decodeBase58 } from '../crypto/base58.js'
import { InvalidResponseError } from '../errors/relay.js'
import { decodeBase64 } from './base64url.js'

/** The field `name` of a wallet's `method` answer; InvalidResponseError when it is missing. */
export function answerField(result: unknown, name: string, method: string): unknown {
  if (typeof result !== 'object' || result === null || !(name in result))
    throw new InvalidResponseError(`The wallet answered "${method}" without "${name}".`)
  return (result as Record<string, unknown>)[name]
}

/** A transaction in a wallet's answer: non-empty base64, else InvalidResponseError. */
export function base64AnswerField(value: unknown, method: string): Uint8Array {
  const bytes = typeof value === 'string' ? decodeBase64(value) : undefined
  if (!bytes || bytes.length === 0)
    throw new InvalidResponseError(`The wallet answered "${method}" with a transaction that is not base64.`)
  return bytes
}

/** A key or signature in a wallet's answer: `length` bytes of base58, else InvalidResponseError. */
export function base58AnswerField(value: unknown, method: string, length: number): Uint8Array {
  try {
    return decodeBase58(value, { length, maxLength: 100 })
  } catch (cause) {
    throw new InvalidResponseError(
      `The wallet answered "${method}" with a value that is not ${length} bytes of base58.`,
      { cause },
    )
  }
}

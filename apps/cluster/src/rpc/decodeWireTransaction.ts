import { getBase58Encoder, getTransactionDecoder, type Transaction } from '@solana/kit'
import { invalidParams } from '../errors/JsonRpcError.js'

/** Solana's PACKET_DATA_SIZE minus headers: the largest wire transaction. */
export const maxTransactionBytes = 1232
const maxEncodedLength = { base58: 1683, base64: 1644 } as const
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Decodes text in `base58` or `base64` to bytes, with Solana's size limits. */
export function decodeWireBytes(encoded: string, encoding: 'base58' | 'base64', what: string): Uint8Array {
  if (encoded.length > maxEncodedLength[encoding]) {
    throw invalidParams(
      `${encoding} encoded ${what} too large: ${encoded.length} characters (max: encoded/raw ${maxEncodedLength[encoding]}/${maxTransactionBytes})`,
    )
  }
  if (encoding === 'base64') {
    if (!base64Pattern.test(encoded)) throw invalidParams(`${what} is not valid base64`)
    return new Uint8Array(Buffer.from(encoded, 'base64'))
  }
  try {
    return new Uint8Array(getBase58Encoder().encode(encoded))
  } catch {
    throw invalidParams(`${what} is not valid base58`)
  }
}

/**
 * Decodes a wire transaction as sent to `sendTransaction` / `simulateTransaction`.
 *
 * @example decodeWireTransaction(tx.serialize().toString('base64'), 'base64')
 */
export function decodeWireTransaction(encoded: string, encoding: 'base58' | 'base64'): Transaction {
  const bytes = decodeWireBytes(encoded, encoding, 'transaction')
  if (bytes.length > maxTransactionBytes) {
    throw invalidParams(`transaction too large: ${bytes.length} bytes (max: ${maxTransactionBytes})`)
  }
  let decoded: [Transaction, number]
  try {
    decoded = getTransactionDecoder().read(bytes, 0)
  } catch (cause) {
    throw invalidParams(
      `failed to deserialize the transaction: ${cause instanceof Error ? cause.message : String(cause)}`,
    )
  }
  const [transaction, end] = decoded
  if (end !== bytes.length) {
    throw invalidParams(`failed to deserialize the transaction: ${bytes.length - end} trailing bytes`)
  }
  return transaction
}

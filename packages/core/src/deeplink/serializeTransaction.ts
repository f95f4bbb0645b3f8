import { InvalidArgumentError } from '../errors/deeplink.js'

/** Anything with a `serialize()` that returns the wire bytes (web3.js v1 `Transaction`/`VersionedTransaction`, ...). */
export type SerializableTransaction = { serialize(...args: never[]): Uint8Array }

/** A transaction as serialized bytes, or an object that can serialize itself. */
export type TransactionInput = Uint8Array | SerializableTransaction

// web3.js v1 Transaction.serialize() verifies and requires every signature by default; the wallet adds its
// own, so Phantom's docs serialize with requireAllSignatures: false. VersionedTransaction ignores the argument.
const serializeConfig = { requireAllSignatures: false, verifySignatures: false }

/**
 * Turns a transaction into the bytes a deeplink carries. Bytes are copied; objects are serialized with
 * `{ requireAllSignatures: false, verifySignatures: false }`, which functions that take no options ignore.
 *
 * @throws {InvalidArgumentError} for anything else, or when `serialize()` throws or returns no bytes.
 */
export function serializeTransaction(transaction: TransactionInput, label = 'transaction'): Uint8Array {
  let bytes: unknown = transaction
  if (!(transaction instanceof Uint8Array)) {
    const serialize = (transaction as { serialize?: unknown } | null | undefined)?.serialize
    if (typeof serialize !== 'function')
      throw new InvalidArgumentError(`The ${label} is neither a Uint8Array nor an object with serialize().`)
    try {
      bytes = serialize.call(transaction, serializeConfig)
    } catch (cause) {
      throw new InvalidArgumentError(`The ${label} could not be serialized.`, {
        details: 'Check that it has a fee payer and a recent blockhash.',
        cause,
      })
    }
    if (!(bytes instanceof Uint8Array))
      throw new InvalidArgumentError(`The ${label}'s serialize() did not return a Uint8Array.`)
  }
  const serialized = bytes as Uint8Array
  if (serialized.length === 0) throw new InvalidArgumentError(`The ${label} is empty.`)
  // A plain copy: callers may reuse their buffer, and Buffer subclasses should not leak into results.
  return Uint8Array.from(serialized)
}

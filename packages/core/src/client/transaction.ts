import { serializeTransaction, type TransactionInput } from '../deeplink/serializeTransaction.js'
import { InvalidArgumentError } from '../errors/deeplink.js'

/** Serializes a transaction for either transport (see `serializeTransaction`). */
export function toTransactionBytes(transaction: TransactionInput, index?: number): Uint8Array {
  return serializeTransaction(transaction, index === undefined ? 'transaction' : `transaction ${index}`)
}

/**
 * Gives the signed bytes back in the caller's type: bytes for bytes, and for a web3.js-like object a new
 * object made by its class's own `deserialize` (VersionedTransaction) or `from` (Transaction). This keeps
 * `signTransaction(tx)` returning what wallet-adapter's did, without a dependency on web3.js.
 *
 * @throws {InvalidArgumentError} when the object's class can rebuild nothing from bytes.
 */
export function fromTransactionBytes<transaction extends TransactionInput>(
  input: transaction,
  bytes: Uint8Array,
): transaction {
  if (input instanceof Uint8Array) return bytes as transaction
  const transactionClass = (input as { constructor?: unknown }).constructor as
    | { deserialize?: (bytes: Uint8Array) => unknown; from?: (bytes: Uint8Array) => unknown }
    | undefined
  if (typeof transactionClass?.deserialize === 'function')
    return transactionClass.deserialize(bytes) as transaction
  if (typeof transactionClass?.from === 'function') return transactionClass.from(bytes) as transaction
  throw new InvalidArgumentError('The signed transaction cannot be rebuilt in the type it was given.', {
    details:
      'Its class has no static deserialize() or from(). Pass the serialized bytes (Uint8Array) to get signed bytes back.',
  })
}

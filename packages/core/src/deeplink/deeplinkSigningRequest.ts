import { InvalidArgumentError } from '../errors/deeplink.js'
import type { DeeplinkRequest, MessageDisplay } from './buildRequestUrl.js'
import { utf8 } from './deeplinkClientSupport.js'
import { serializeTransaction, type TransactionInput } from './serializeTransaction.js'

/** The `signMessage` request for `message`: a string is signed as its UTF-8 bytes; bytes are copied. */
export function signMessageRequest(
  message: Uint8Array | string,
  display: MessageDisplay | undefined,
): DeeplinkRequest & { method: 'signMessage' } {
  if (typeof message === 'string') message = utf8(message)
  else if (!(message instanceof Uint8Array))
    throw new InvalidArgumentError('The message must be a Uint8Array or a string.')
  return { method: 'signMessage', message: Uint8Array.from(message), display }
}

/** The `signAllTransactions` request: a non-empty array, each transaction serialized (and named in errors). */
export function signAllTransactionsRequest(
  transactions: readonly TransactionInput[],
): DeeplinkRequest & { method: 'signAllTransactions' } {
  if (!Array.isArray(transactions) || !transactions.length)
    throw new InvalidArgumentError('signAllTransactions needs a non-empty array of transactions.')
  return {
    method: 'signAllTransactions',
    transactions: transactions.map((transaction, index) =>
      serializeTransaction(transaction, `transaction ${index}`),
    ),
  }
}

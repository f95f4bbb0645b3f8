import { maxBase58Length } from '../crypto/decodeBase58.js'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import type { EncryptedDeeplinkMethod } from './methods.js'

/** The largest serialized Solana transaction (the network's packet data size). */
export const maxTransactionSize = 1232

/** The decrypted payload of each encrypted method, shape-checked; binary fields are still base58 text. */
export type RequestPayloads = {
  disconnect: { session: string }
  signMessage: { session: string; message: string; display: 'utf8' | 'hex' }
  signTransaction: { session: string; transaction: string }
  signAllTransactions: { session: string; transactions: string[] }
  signAndSendTransaction: {
    session: string
    transaction: string
    sendOptions: Record<string, unknown> | undefined
  }
}

/** The payload of one encrypted method. */
export type RequestPayload<method extends EncryptedDeeplinkMethod = EncryptedDeeplinkMethod> =
  RequestPayloads[method]

/** Most transactions one signAllTransactions request may carry (the payload cap allows ~12 full-size ones). */
export const maxTransactionsPerRequest = 64

/**
 * Checks the shape of a decrypted payload for `method` and returns it typed. Unknown extra fields are ignored;
 * a missing or mistyped field throws `InvalidRequestError` (-32000).
 *
 * @example
 * const payload = parseRequestPayload('signMessage', decryptJson({ box, nonce, sharedSecret }))
 */
export function parseRequestPayload<method extends EncryptedDeeplinkMethod>(
  method: method,
  json: unknown,
  redirectLink?: string | undefined,
): RequestPayload<method> {
  const fail = (message: string, details?: string): never => {
    throw new InvalidRequestError(message, { details, redirectLink })
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail(
      `The ${method} payload is not a JSON object.`,
      'Encrypt a JSON object such as {"session": "..."}.',
    )
  const object = json as Record<string, unknown>
  const string = (field: string, maxLength: number): string => {
    const value = Object.hasOwn(object, field) ? object[field] : undefined
    if (typeof value !== 'string' || value.length === 0)
      return fail(`The ${method} payload has no "${field}" string.`, `Add "${field}" as a non-empty string.`)
    if (value.length > maxLength)
      return fail(
        `The ${method} payload's "${field}" is too long.`,
        `${value.length} characters; at most ${maxLength}.`,
      )
    return value
  }
  const session = string('session', 4096)
  const transactionLength = maxBase58Length(maxTransactionSize)

  switch (method as EncryptedDeeplinkMethod) {
    case 'disconnect':
      return { session } as RequestPayload<method>
    case 'signMessage': {
      const message = string('message', Number.MAX_SAFE_INTEGER)
      const display = Object.hasOwn(object, 'display') ? object['display'] : undefined
      if (display !== undefined && display !== 'utf8' && display !== 'hex')
        return fail('The signMessage payload\'s "display" must be "utf8" or "hex".')
      return { session, message, display: display ?? 'utf8' } as RequestPayload<method>
    }
    case 'signTransaction':
      return { session, transaction: string('transaction', transactionLength) } as RequestPayload<method>
    case 'signAndSendTransaction': {
      const transaction = string('transaction', transactionLength)
      const sendOptions = Object.hasOwn(object, 'sendOptions') ? object['sendOptions'] : undefined
      if (
        sendOptions !== undefined &&
        (typeof sendOptions !== 'object' || sendOptions === null || Array.isArray(sendOptions))
      )
        return fail('The signAndSendTransaction payload\'s "sendOptions" is not an object.')
      return { session, transaction, sendOptions } as RequestPayload<method>
    }
    case 'signAllTransactions': {
      const transactions = Object.hasOwn(object, 'transactions') ? object['transactions'] : undefined
      if (!Array.isArray(transactions) || transactions.length === 0)
        return fail(
          'The signAllTransactions payload has no "transactions" array.',
          'Send a non-empty array of base58 transactions.',
        )
      if (transactions.length > maxTransactionsPerRequest)
        return fail(
          `The signAllTransactions payload has ${transactions.length} transactions; at most ${maxTransactionsPerRequest}.`,
        )
      transactions.forEach((transaction, index) => {
        if (
          typeof transaction !== 'string' ||
          transaction.length === 0 ||
          transaction.length > transactionLength
        )
          fail(
            `Transaction ${index} of the signAllTransactions payload is not a base58 string of a transaction.`,
          )
      })
      return { session, transactions: transactions as string[] } as RequestPayload<method>
    }
    default:
      return fail(`The method ${String(method)} has no payload.`)
  }
}

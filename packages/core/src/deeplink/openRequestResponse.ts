import { encodeBase58 } from '../crypto/base58.js'
import { InvalidResponseError } from '../errors/deeplink.js'
import { createWalletRpcError } from '../errors/walletRpc.js'
import type { DeeplinkRedirect } from './parseRedirectUrl.js'
import { openAnswerData, readBase58, requireString } from './readResponseFields.js'
import type { WalletResults } from './walletResponse.js'

/** What each encrypted method resolves with; binary values are decoded to bytes (docs/answers.md). */
export type DeeplinkMethodResults = Omit<WalletResults, 'connect'>

export type EncryptedDeeplinkMethod = keyof DeeplinkMethodResults

export type OpenRequestResponseParameters<method extends EncryptedDeeplinkMethod> = {
  redirect: DeeplinkRedirect
  method: method
  sharedSecret: Uint8Array
  /** For signAllTransactions: how many transactions were sent; the answer must hold as many. */
  transactionCount?: number | undefined
}

/**
 * Opens the answer to an encrypted request: `nonce` + `data` -> the method's JSON. `disconnect` has no data.
 *
 * @throws the typed {@link WalletRpcError} when the wallet answered an error; {@link DecryptionError} or
 * {@link InvalidResponseError} for a tampered or malformed answer.
 */
export function openRequestResponse<method extends EncryptedDeeplinkMethod>(
  parameters: OpenRequestResponseParameters<method>,
): DeeplinkMethodResults[method] {
  const { redirect, method, sharedSecret, transactionCount } = parameters
  if (redirect.error) throw createWalletRpcError(redirect.error.code, redirect.error.message)
  if (method === 'disconnect') return null as DeeplinkMethodResults[method]
  const data = openAnswerData(redirect.params, sharedSecret)
  return readResult(method, data, transactionCount) as DeeplinkMethodResults[method]
}

function readResult(
  method: Exclude<EncryptedDeeplinkMethod, 'disconnect'>,
  data: Record<string, unknown>,
  transactionCount: number | undefined,
): DeeplinkMethodResults[EncryptedDeeplinkMethod] {
  switch (method) {
    case 'signMessage':
      return { signature: readBase58(requireString(data, 'signature'), 'signature', 64) }
    case 'signAndSendTransaction': {
      const signature = readBase58(requireString(data, 'signature'), 'signature', 64)
      // Re-encode so the caller gets the canonical spelling of what was checked.
      return { transactionSignature: encodeBase58(signature) }
    }
    case 'signTransaction':
      return { transaction: readBase58(requireString(data, 'transaction'), 'transaction') }
    case 'signAllTransactions': {
      const transactions = Object.hasOwn(data, 'transactions') ? data['transactions'] : undefined
      const count = Array.isArray(transactions) ? transactions.length : 0
      if (!count || (transactionCount !== undefined && count !== transactionCount))
        throw new InvalidResponseError(
          `The wallet's answer holds ${count} transactions; ${transactionCount ?? 'at least 1'} expected.`,
        )
      return {
        // Each element is checked like a string field of the answer (a non-empty base58 string).
        transactions: Object.keys(transactions as string[]).map((index) =>
          readBase58(requireString(transactions as Record<string, unknown>, index), `transactions[${index}]`),
        ),
      }
    }
  }
}

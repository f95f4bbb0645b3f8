import { decodeBase58 } from '../crypto/decodeBase58.js'
import type { EncryptedDeeplinkMethod } from '../deeplink/methods.js'
import type { RequestPayload } from '../deeplink/parseRequestPayload.js'
import { readSignableMessage } from '../message/readSignableMessage.js'
import { decodeWalletTransaction } from './decodeWalletTransaction.js'
import type { WalletRequest, WalletRequestBase } from './walletRequest.js'

/**
 * Turns the checked payload of an encrypted request into what the wallet UI shows: the message as text
 * and hex, each transaction decoded (the account must sign it). Throws the `WalletRequestError`s of the
 * decoders, answerable at `base.redirectLink`.
 */
export function readEncryptedWalletRequest(
  method: EncryptedDeeplinkMethod,
  payload: RequestPayload,
  base: WalletRequestBase,
  accountPublicKey: Uint8Array,
): WalletRequest {
  const { redirectLink } = base
  const transaction = (text: string) => decodeWalletTransaction(text, accountPublicKey, redirectLink)
  switch (method) {
    case 'disconnect':
      return { ...base, method: 'disconnect' }
    case 'signMessage': {
      const { message: text, display } = payload as { message: string; display: 'utf8' | 'hex' }
      const decoded = decodeBase58(text, { field: 'message', maxLength: text.length, redirectLink })
      return { ...base, method: 'signMessage', display, ...readSignableMessage(decoded, redirectLink) }
    }
    case 'signTransaction':
      return {
        ...base,
        method: 'signTransaction',
        transaction: transaction((payload as { transaction: string }).transaction),
      }
    case 'signAllTransactions':
      return {
        ...base,
        method: 'signAllTransactions',
        transactions: (payload as { transactions: string[] }).transactions.map(transaction),
      }
    case 'signAndSendTransaction': {
      const { transaction: text, sendOptions } = payload as {
        transaction: string
        sendOptions: Record<string, unknown> | undefined
      }
      return { ...base, method: 'signAndSendTransaction', transaction: transaction(text), sendOptions }
    }
  }
}

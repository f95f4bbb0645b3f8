import { decodeBase64, type JsonRpcRequest } from '@dapplink/core/relay'
import { InvalidRequestError, MethodNotFoundError } from '../errors/walletRequestError.js'
import { readSignableMessage } from '../message/readSignableMessage.js'

/** A request from the dapp, validated and decoded (docs/protocol.md section 6). */
export type WalletRelayRequest =
  | {
      method: 'connect'
      /**
       * `appName`, `appUrl` and `appIcon` are the dapp's own unverified claims: anyone who can show a QR code
       * can write any name and URL here. Show them as claims, never as a verified origin.
       */
      params: { appName: string; appUrl: string; appIcon?: string | undefined; cluster?: string | undefined }
    }
  | {
      method: 'signMessage'
      /** `text` is the message as UTF-8 when it decodes (show it), `hex` always; transaction messages are refused. */
      params: { message: Uint8Array; display: 'utf8' | 'hex'; text: string | undefined; hex: string }
    }
  | { method: 'signTransaction'; params: { transaction: Uint8Array } }
  | { method: 'signAllTransactions'; params: { transactions: Uint8Array[] } }
  | {
      method: 'signAndSendTransaction'
      params: { transaction: Uint8Array; sendOptions?: Record<string, unknown> | undefined }
    }
  | { method: 'disconnect'; params: Record<string, never> }
  | { method: 'request'; params: { method: string; params?: unknown } }

export type WalletRelayMethod = WalletRelayRequest['method']

const maxStringLength = 2_048
const maxTransactions = 64

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function text(params: Record<string, unknown>, name: string, optional: boolean): string | undefined {
  const value = params[name]
  if (value === undefined && optional) return undefined
  if (typeof value !== 'string' || value.length === 0 || value.length > maxStringLength)
    throw new InvalidRequestError(
      `The "${name}" parameter must be a non-empty string of at most ${maxStringLength} characters.`,
    )
  return value
}

function bytes(value: unknown, name: string): Uint8Array {
  const decoded = typeof value === 'string' ? decodeBase64(value) : undefined
  if (!decoded || decoded.length === 0)
    throw new InvalidRequestError(`The "${name}" parameter must be non-empty standard base64.`)
  return decoded
}

/**
 * Validates a JSON-RPC request from the dapp and decodes its binary parameters. Throws
 * `InvalidRequestError` (-32000) or `MethodNotFoundError` (-32601), which the session sends back.
 *
 * @example
 * const request = parseWalletRelayRequest({ jsonrpc: '2.0', id: 1, method: 'signMessage', params: { message: 'aGk=' } })
 */
export function parseWalletRelayRequest(request: JsonRpcRequest): WalletRelayRequest {
  const params = request.params ?? {}
  if (!isObject(params))
    throw new InvalidRequestError(`The params of "${request.method.slice(0, 40)}" must be an object.`)
  switch (request.method) {
    case 'connect':
      return {
        method: 'connect',
        params: {
          appName: text(params, 'appName', false)!,
          appUrl: text(params, 'appUrl', false)!,
          appIcon: text(params, 'appIcon', true),
          cluster: text(params, 'cluster', true),
        },
      }
    case 'signMessage': {
      const display = params['display'] ?? 'utf8'
      if (display !== 'utf8' && display !== 'hex')
        throw new InvalidRequestError('The "display" parameter must be "utf8" or "hex".')
      // The same refusal as the deeplink wallet: a transaction message signed as a "message" authorizes it.
      const { message, text, hex } = readSignableMessage(bytes(params['message'], 'message'))
      return { method: 'signMessage', params: { message, display, text, hex } }
    }
    case 'signTransaction':
      return {
        method: 'signTransaction',
        params: { transaction: bytes(params['transaction'], 'transaction') },
      }
    case 'signAllTransactions': {
      const transactions = params['transactions']
      if (!Array.isArray(transactions) || transactions.length === 0 || transactions.length > maxTransactions)
        throw new InvalidRequestError(
          `The "transactions" parameter must be an array of 1 to ${maxTransactions} transactions.`,
        )
      return {
        method: 'signAllTransactions',
        params: { transactions: transactions.map((value, index) => bytes(value, `transactions[${index}]`)) },
      }
    }
    case 'signAndSendTransaction': {
      const sendOptions = params['sendOptions']
      if (sendOptions !== undefined && !isObject(sendOptions))
        throw new InvalidRequestError('The "sendOptions" parameter must be an object.')
      return {
        method: 'signAndSendTransaction',
        params: { transaction: bytes(params['transaction'], 'transaction'), sendOptions },
      }
    }
    case 'disconnect':
      return { method: 'disconnect', params: {} }
    case 'request':
      return {
        method: 'request',
        params: { method: text(params, 'method', false)!, params: params['params'] },
      }
    default:
      throw new MethodNotFoundError(
        `The method "${request.method.slice(0, 40)}" is not part of the relay protocol.`,
      )
  }
}

import { UnknownMessageError } from '../errors/relay.js'
import { fromUtf8, utf8 } from './bytes.js'

// The messages inside DATA frames (docs/protocol.md section 6): JSON-RPC 2.0 requests and responses,
// and control messages.

/** The relay methods of section 6. */
export const relayMethods = [
  'connect',
  'signMessage',
  'signTransaction',
  'signAllTransactions',
  'signAndSendTransaction',
  'disconnect',
  'request',
] as const
export type RelayMethod = (typeof relayMethods)[number]

export type JsonRpcId = number | string
/**
 * A request. `deadline` (ms since the Unix epoch, by the dapp's clock) is when the dapp stops waiting: the
 * wallet refuses a request whose deadline passed, is missing, or is too far ahead (section 6).
 */
export type JsonRpcRequest = {
  jsonrpc: '2.0'
  id: JsonRpcId
  method: string
  params?: unknown
  deadline?: number | undefined
}
export type JsonRpcErrorObject = { code: number; message: string; data?: unknown }
export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId; error: JsonRpcErrorObject }
export type ControlMessage =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'terminate'; reason: string }
  /** The dapp no longer waits for request `id`: the wallet drops it, or withdraws its approval. */
  | { type: 'cancel'; id: JsonRpcId }

/** Any message a DATA frame may carry. */
export type SessionMessage =
  | { kind: 'request'; request: JsonRpcRequest }
  | { kind: 'response'; response: JsonRpcResponse }
  | { kind: 'control'; control: ControlMessage }

/** Serializes a message for a DATA frame. */
export function encodeSessionMessage(message: JsonRpcRequest | JsonRpcResponse | ControlMessage): Uint8Array {
  return utf8(JSON.stringify(message))
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isId = (value: unknown): value is JsonRpcId =>
  (typeof value === 'number' && Number.isSafeInteger(value)) ||
  (typeof value === 'string' && value.length <= 64)

/**
 * Parses a decrypted DATA plaintext; throws `UnknownMessageError` for anything that is not a JSON-RPC 2.0
 * request or response or a control message.
 */
export function parseSessionMessage(plaintext: Uint8Array): SessionMessage {
  let value: unknown
  try {
    value = JSON.parse(fromUtf8(plaintext))
  } catch (cause) {
    throw new UnknownMessageError('The peer sent a message that is not UTF-8 JSON.', { cause })
  }
  if (!isObject(value)) throw new UnknownMessageError('The peer sent a message that is not a JSON object.')
  if (typeof value['type'] === 'string' && value['jsonrpc'] === undefined) {
    const type = value['type']
    if (type === 'pause' || type === 'resume') return { kind: 'control', control: { type } }
    if (type === 'terminate') {
      const reason = typeof value['reason'] === 'string' ? value['reason'].slice(0, 200) : 'terminated'
      return { kind: 'control', control: { type, reason } }
    }
    if (type === 'cancel') {
      const id = value['id']
      if (!isId(id)) throw new UnknownMessageError('The peer sent a cancel without a valid request id.')
      return { kind: 'control', control: { type, id } }
    }
    throw new UnknownMessageError(`The peer sent an unknown control message "${type.slice(0, 40)}".`)
  }
  if (value['jsonrpc'] !== '2.0' || !isId(value['id']))
    throw new UnknownMessageError(
      'The peer sent a message that is neither JSON-RPC 2.0 nor a control message.',
    )
  const id = value['id']
  if (typeof value['method'] === 'string') {
    // A deadline that is not a finite number is left out: the wallet refuses the request as having none.
    const deadline = value['deadline']
    return {
      kind: 'request',
      request: {
        jsonrpc: '2.0',
        id,
        method: value['method'],
        params: value['params'],
        ...(typeof deadline === 'number' && Number.isFinite(deadline) ? { deadline } : {}),
      },
    }
  }
  if ('result' in value && !('error' in value))
    return { kind: 'response', response: { jsonrpc: '2.0', id, result: value['result'] } }
  const error = value['error']
  if (isObject(error) && Number.isSafeInteger(error['code']) && typeof error['message'] === 'string')
    return {
      kind: 'response',
      response: {
        jsonrpc: '2.0',
        id,
        error: {
          code: error['code'] as number,
          message: error['message'].slice(0, 500),
          data: error['data'],
        },
      },
    }
  throw new UnknownMessageError(
    'The peer sent a JSON-RPC message with neither a method, a result nor a valid error.',
  )
}

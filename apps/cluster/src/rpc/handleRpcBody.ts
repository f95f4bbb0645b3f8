import { JsonRpcError, jsonRpcErrorCode } from '../errors/JsonRpcError.js'
import { readParamsArray } from './readParams.js'
import type { RpcContext, RpcMethod } from './rpcMethods.js'
import { serializeJson } from './serializeJson.js'

/** The most requests one batch may hold. */
export const maxBatchLength = 100

type JsonRpcId = string | number | null
type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: JsonRpcId; result: unknown }
  | { jsonrpc: '2.0'; id: JsonRpcId; error: ReturnType<JsonRpcError['toJson']> }

export type HandleRpcBodyParameters = {
  methods: Record<string, RpcMethod>
  context: RpcContext
  /** Called with errors that are bugs rather than bad input (they answer -32603). */
  onInternalError?: ((error: unknown) => void) | undefined
}

function errorResponse(id: JsonRpcId, error: JsonRpcError): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: error.toJson() }
}

function invalidRequest(details: string): JsonRpcError {
  return new JsonRpcError(`Invalid Request: ${details}`, { code: jsonRpcErrorCode.invalidRequest })
}

function handleOne(request: unknown, parameters: HandleRpcBodyParameters): JsonRpcResponse | null {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return errorResponse(null, invalidRequest('a request must be a JSON object'))
  }
  const { jsonrpc, method, params } = request as Record<string, unknown>
  const hasId = Object.hasOwn(request, 'id')
  const rawId = (request as Record<string, unknown>)['id']
  const idIsValid = rawId === null || typeof rawId === 'string' || typeof rawId === 'number'
  const id: JsonRpcId = hasId && idIsValid ? (rawId as JsonRpcId) : null
  if (hasId && !idIsValid) return errorResponse(null, invalidRequest('id must be a string, a number or null'))
  if (jsonrpc !== '2.0') return errorResponse(id, invalidRequest('jsonrpc must be "2.0"'))
  if (typeof method !== 'string') return errorResponse(id, invalidRequest('method must be a string'))
  let response: JsonRpcResponse
  const handler = Object.hasOwn(parameters.methods, method) ? parameters.methods[method] : undefined
  if (!handler) {
    response = errorResponse(
      id,
      new JsonRpcError('Method not found', { code: jsonRpcErrorCode.methodNotFound, data: { method } }),
    )
  } else {
    try {
      response = { jsonrpc: '2.0', id, result: handler(readParamsArray(params), parameters.context) }
    } catch (error) {
      if (error instanceof JsonRpcError) {
        response = errorResponse(id, error)
      } else {
        parameters.onInternalError?.(error)
        response = errorResponse(
          id,
          new JsonRpcError('Internal error', { code: jsonRpcErrorCode.internalError }),
        )
      }
    }
  }
  // A request without an id is a notification: it runs, but JSON-RPC 2.0 sends nothing back.
  return hasId ? response : null
}

/**
 * Answers one JSON-RPC 2.0 HTTP body (a request or a batch) and returns the response body, or
 * `null` when nothing is to be sent (only notifications). Never throws on bad input.
 *
 * @example handleRpcBody('{"jsonrpc":"2.0","id":1,"method":"getHealth"}', { methods: rpcMethods, context })
 * // '{"jsonrpc":"2.0","id":1,"result":"ok"}'
 */
export function handleRpcBody(body: string, parameters: HandleRpcBodyParameters): string | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return serializeJson(
      errorResponse(null, new JsonRpcError('Parse error', { code: jsonRpcErrorCode.parseError })),
    )
  }
  if (!Array.isArray(parsed)) {
    const response = handleOne(parsed, parameters)
    return response === null ? null : serializeJson(response)
  }
  if (parsed.length === 0) return serializeJson(errorResponse(null, invalidRequest('the batch is empty')))
  if (parsed.length > maxBatchLength) {
    return serializeJson(
      errorResponse(
        null,
        invalidRequest(`the batch holds ${parsed.length} requests (max: ${maxBatchLength})`),
      ),
    )
  }
  const responses = parsed
    .map((request) => handleOne(request, parameters))
    .filter((response) => response !== null)
  return responses.length === 0 ? null : serializeJson(responses)
}

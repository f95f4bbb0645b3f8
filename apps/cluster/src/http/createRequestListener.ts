import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { jsonRpcErrorCode } from '../errors/JsonRpcError.js'
import { serializeJson } from '../rpc/serializeJson.js'

/** The default cap on a request body: 1 MiB. */
export const defaultMaxBodyBytes = 1024 * 1024

export type CreateRequestListenerParameters = {
  /** Answers one JSON-RPC body; `null` means no response body (notifications only). */
  handleBody: (body: string) => string | null
  maxBodyBytes?: number | undefined
}

// Any origin may call: the cluster holds no user data and listens on loopback by default, and the
// demo dapp and wallet pages are served from other localhost ports.
function setCorsHeaders(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*')
  response.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS')
  const requested = request.headers['access-control-request-headers']
  response.setHeader('Access-Control-Allow-Headers', requested ?? 'Content-Type, solana-client')
  response.setHeader('Access-Control-Max-Age', '600')
}

function sendJson(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })
  response.end(body)
}

function errorBody(code: number, message: string): string {
  return serializeJson({ jsonrpc: '2.0', id: null, error: { code, message } })
}

/**
 * The HTTP side of the cluster: CORS, `GET /health`, and JSON-RPC over `POST` with a body size cap.
 * A body over the cap is answered with HTTP 413 and a JSON-RPC error, and the connection is closed.
 */
export function createRequestListener(parameters: CreateRequestListenerParameters): RequestListener {
  const maxBodyBytes = parameters.maxBodyBytes ?? defaultMaxBodyBytes
  return (request, response) => {
    setCorsHeaders(request, response)
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end()
      return
    }
    if (request.method === 'GET' && (request.url === '/health' || request.url?.startsWith('/health?'))) {
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('ok')
      return
    }
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST, GET, OPTIONS')
      sendJson(
        response,
        405,
        errorBody(jsonRpcErrorCode.invalidRequest, 'Invalid Request: use POST for JSON-RPC'),
      )
      return
    }
    const tooLarge = () => {
      response.setHeader('Connection', 'close')
      sendJson(
        response,
        413,
        errorBody(jsonRpcErrorCode.invalidRequest, `Invalid Request: the body is over ${maxBodyBytes} bytes`),
      )
      // Stop reading: the client is told to go away, and the socket closes once the answer is out.
      request.unpipe()
      response.on('finish', () => request.socket.destroySoon())
    }
    const declaredLength = Number(request.headers['content-length'] ?? 0)
    if (declaredLength > maxBodyBytes) {
      tooLarge()
      return
    }
    const chunks: Buffer[] = []
    let received = 0
    let rejected = false
    request.on('data', (chunk: Buffer) => {
      if (rejected) return
      received += chunk.length
      if (received > maxBodyBytes) {
        rejected = true
        chunks.length = 0
        tooLarge()
        return
      }
      chunks.push(chunk)
    })
    request.on('error', () => {
      rejected = true
    })
    request.on('end', () => {
      if (rejected) return
      const answer = parameters.handleBody(Buffer.concat(chunks).toString('utf8'))
      if (answer === null) response.writeHead(204).end()
      else sendJson(response, 200, answer)
    })
  }
}

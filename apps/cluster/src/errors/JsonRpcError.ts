import { DapplinkError } from '@dapplink/core'

/** JSON-RPC 2.0 and Solana RPC error codes the cluster answers with. */
export const jsonRpcErrorCode = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  /** Solana: `sendTransaction` preflight simulation failed; `data` holds the simulation result. */
  sendTransactionPreflightFailure: -32002,
  /** Solana: a signature does not verify. */
  transactionSignatureVerificationFailure: -32003,
  /** Solana: `getTransaction` on a v0 transaction without `maxSupportedTransactionVersion`. */
  unsupportedTransactionVersion: -32015,
} as const

export type JsonRpcErrorParameters = {
  code: number
  details?: string | undefined
  /** The JSON-RPC `data` member (Solana puts the simulation result here). */
  data?: unknown
  cause?: unknown
}

/**
 * An error the cluster answers a JSON-RPC request with. Its `shortMessage` becomes the
 * JSON-RPC `message`, so it is written the way Solana's RPC words it.
 */
export class JsonRpcError extends DapplinkError {
  override name = 'JsonRpcError'
  override readonly code: number
  readonly data: unknown

  constructor(shortMessage: string, parameters: JsonRpcErrorParameters) {
    super(shortMessage, { details: parameters.details, cause: parameters.cause, code: parameters.code })
    this.code = parameters.code
    this.data = parameters.data
  }

  /** The JSON-RPC 2.0 error object for this error. */
  toJson(): { code: number; message: string; data?: unknown } {
    return this.data === undefined
      ? { code: this.code, message: this.shortMessage }
      : { code: this.code, message: this.shortMessage, data: this.data }
  }
}

/** `-32602 Invalid params` with a message that says what was wrong. */
export function invalidParams(message: string): JsonRpcError {
  return new JsonRpcError(`Invalid params: ${message}`, { code: jsonRpcErrorCode.invalidParams })
}

import { DapplinkError } from '@dapplink/core'

/** An error of the reference wallet app itself (storage, settings), as opposed to a protocol error. */
export class WalletAppError extends DapplinkError {
  override name = 'WalletAppError'
}

/** The RPC node answered with a JSON-RPC error, an HTTP error, or something that is not JSON-RPC. */
export class RpcError extends DapplinkError {
  override name = 'RpcError'
}

/** A sent transaction failed on chain (its status carries an error). */
export class TransactionFailedError extends DapplinkError {
  override name = 'TransactionFailedError'
}

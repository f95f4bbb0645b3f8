import type { RpcClient } from '../rpc/createRpcClient.js'
import type { StatusTone } from './walletContext.js'

export type SendAndConfirmParameters = {
  rpc: RpcClient
  signedTransaction: Uint8Array
  sendOptions: Record<string, unknown> | undefined
  setStatus: (text: string, tone?: StatusTone) => void
  /** Bound on the confirmation wait. Default 30 s. */
  confirmTimeoutMs?: number | undefined
}

/**
 * Sends a signed transaction and waits (bounded) for its confirmation; resolves with its signature.
 * A confirmation timeout still resolves (the node accepted it; the dapp can keep waiting), a landed failure
 * throws.
 */
export async function sendAndConfirm(parameters: SendAndConfirmParameters): Promise<string> {
  const { rpc, setStatus } = parameters
  setStatus(`Sending the transaction to ${rpc.url}…`)
  const signature = await rpc.sendTransaction(parameters.signedTransaction, parameters.sendOptions)
  setStatus('Waiting for confirmation…')
  const status = await rpc.confirmTransaction(signature, { timeoutMs: parameters.confirmTimeoutMs })
  if (status === 'timeout') setStatus(`Sent ${signature}, not yet confirmed.`, 'info')
  else setStatus(`Transaction ${status}: ${signature}`, 'success')
  return signature
}

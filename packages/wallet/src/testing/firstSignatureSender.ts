import bs58 from 'bs58'
import { parseTransactionWire } from '../transaction/parseTransactionWire.js'

/**
 * A `sendTransaction` for tests and offline demos: sends nothing and answers the signed transaction's
 * first signature (its id). A real wallet passes a sender that reaches a cluster.
 */
export async function firstSignatureSender(signedTransaction: Uint8Array): Promise<string> {
  const { signaturesOffset } = parseTransactionWire(signedTransaction)
  return bs58.encode(signedTransaction.subarray(signaturesOffset, signaturesOffset + 64))
}

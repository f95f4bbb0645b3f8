import type { WalletResponse } from '@dapplink/core'
import { verifyMessageSignature } from '../crypto/verifyMessageSignature.js'
import type { ClusterRpc } from '../solana/clusterRpc.js'
import { inspectSignedTransaction } from '../solana/inspectSignedTransaction.js'
import type { PendingAction } from './pendingAction.js'

/** What the demo shows about the wallet's answers, each checked on the page. */
export type DemoResults = {
  message?: { text: string; signature: string; verified: boolean }
  signedTransaction?: { signature: string | null; verified: boolean }
  signedAll?: { count: number; verified: boolean }
  transfer?: {
    signature: string
    recipient: string
    lamports: number
    balanceBefore: number
    balanceAfter: number
  }
}

/** The wallet answered something this page did not ask for (or the page lost what it asked). */
export class UnexpectedWalletResponseError extends Error {
  override name = 'UnexpectedWalletResponseError'
  readonly shortMessage: string
  constructor(method: string) {
    const shortMessage = `The wallet answered ${method}, but this page has no record of asking; try again.`
    super(shortMessage)
    this.shortMessage = shortMessage
  }
}

export type ProcessWalletResponseParameters = {
  response: WalletResponse
  /** What the page asked (see `savePendingAction`). */
  pending: PendingAction | null
  /** The connected account (base58). */
  publicKey: string
  rpc: ClusterRpc
  encodeSignature: (signature: Uint8Array) => string
}

/**
 * Checks one wallet answer on the page (signature verification; for a transfer, waits for it on the
 * cluster and reads the new balance) and returns what to show. The same code serves a relay answer (the
 * promise resolves on this page) and a deeplink answer (delivered as `lastResponse` after the reload).
 */
export async function processWalletResponse(
  parameters: ProcessWalletResponseParameters,
): Promise<DemoResults> {
  const { response, pending, publicKey, rpc, encodeSignature } = parameters
  switch (response.method) {
    case 'connect':
    case 'disconnect':
      return {}
    case 'signMessage': {
      if (pending?.method !== 'signMessage') throw new UnexpectedWalletResponseError(response.method)
      return {
        message: {
          text: pending.message,
          signature: encodeSignature(response.signature),
          verified: verifyMessageSignature(pending.message, response.signature, publicKey),
        },
      }
    }
    case 'signTransaction':
      return { signedTransaction: inspectSignedTransaction(response.transaction, publicKey) }
    case 'signAllTransactions':
      return {
        signedAll: {
          count: response.transactions.length,
          verified:
            response.transactions.length > 0 &&
            (pending?.method !== 'signAllTransactions' || pending.count === response.transactions.length) &&
            response.transactions.every((bytes) => inspectSignedTransaction(bytes, publicKey).verified),
        },
      }
    case 'signAndSendTransaction': {
      if (pending?.method !== 'signAndSendTransaction')
        throw new UnexpectedWalletResponseError(response.method)
      await rpc.waitForSignature(response.signature)
      const balanceAfter = await rpc.getBalance(publicKey)
      return {
        transfer: {
          signature: response.signature,
          recipient: pending.recipient,
          lamports: pending.lamports,
          balanceBefore: pending.balanceBefore,
          balanceAfter,
        },
      }
    }
  }
}

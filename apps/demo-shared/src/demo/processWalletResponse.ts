import type { WalletResponse } from '@dapplink/core'
import { verifyMessageSignature } from '../crypto/verifyMessageSignature.js'
import type { ClusterRpc } from '../solana/clusterRpc.js'
import { inspectSignedTransaction } from '../solana/inspectSignedTransaction.js'
import { readDemoContext } from './demoContext.js'

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
  /** The answer, with the `DemoContext` the request was sent with. */
  response: WalletResponse
  /** The connected account (base58). */
  publicKey: string
  rpc: ClusterRpc
  encodeSignature: (signature: Uint8Array) => string
}

/**
 * Checks one wallet answer on the page (signature verification; for a transfer, waits for it on the
 * cluster and reads the new balance) and returns what to show. It serves every answer `useWalletResponse`
 * hands out: a relay answer in this page, a deeplink answer after the reload, each with its context.
 */
export async function processWalletResponse(
  parameters: ProcessWalletResponseParameters,
): Promise<DemoResults> {
  const { response, publicKey, rpc, encodeSignature } = parameters
  switch (response.method) {
    case 'connect':
    case 'disconnect':
      return {}
    case 'signMessage': {
      const asked = readDemoContext('signMessage', response.context)
      if (!asked) throw new UnexpectedWalletResponseError(response.method)
      const { signature } = response.result
      return {
        message: {
          text: asked.message,
          signature: encodeSignature(signature),
          verified: verifyMessageSignature(asked.message, signature, publicKey),
        },
      }
    }
    case 'signTransaction':
      return { signedTransaction: inspectSignedTransaction(response.result.transaction, publicKey) }
    case 'signAllTransactions': {
      const { transactions } = response.result
      const asked = readDemoContext('signAllTransactions', response.context)
      return {
        signedAll: {
          count: transactions.length,
          verified:
            transactions.length > 0 &&
            (!asked || asked.count === transactions.length) &&
            transactions.every((bytes) => inspectSignedTransaction(bytes, publicKey).verified),
        },
      }
    }
    case 'signAndSendTransaction': {
      const asked = readDemoContext('signAndSendTransaction', response.context)
      if (!asked) throw new UnexpectedWalletResponseError(response.method)
      const { transactionSignature } = response.result
      await rpc.waitForSignature(transactionSignature)
      const balanceAfter = await rpc.getBalance(publicKey)
      return {
        transfer: {
          signature: transactionSignature,
          recipient: asked.recipient,
          lamports: asked.lamports,
          balanceBefore: asked.balanceBefore,
          balanceAfter,
        },
      }
    }
  }
}

import { encodeBase58 } from '@dapplink/core'
import { Keypair } from '@solana/web3.js'
import nacl from 'tweetnacl'
import { describe, expect, it } from 'vitest'
import { buildTransfer } from '../solana/buildTransfer.js'
import type { ClusterRpc } from '../solana/clusterRpc.js'
import { processWalletResponse, UnexpectedWalletResponseError } from './processWalletResponse.js'

const account = Keypair.generate()
const publicKey = account.publicKey.toBase58()
const waited: string[] = []
const rpc: ClusterRpc = {
  url: 'http://cluster.test',
  getBalance: async () => 989_995_000,
  getLatestBlockhash: async () => 'unused',
  requestAirdrop: async () => 'unused',
  getSignatureStatus: async () => null,
  waitForSignature: async (signature) => {
    waited.push(signature)
  },
}
const base = { publicKey, rpc, encodeSignature: encodeBase58 }
const answer = { requestId: 'AbCdEfGh1', wallet: 'reference' }

function signedTransfer() {
  const transaction = buildTransfer({
    from: publicKey,
    to: Keypair.generate().publicKey.toBase58(),
    lamports: 1,
    recentBlockhash: Keypair.generate().publicKey.toBase58(),
  })
  transaction.sign(account)
  return transaction.serialize()
}

describe('processWalletResponse', () => {
  it('verifies a message signature against the message the page asked to sign', async () => {
    const text = 'hello'
    const signature = nacl.sign.detached(new TextEncoder().encode(text), account.secretKey)
    const results = await processWalletResponse({
      ...base,
      response: {
        ...answer,
        method: 'signMessage',
        result: { signature },
        context: { method: 'signMessage', message: text },
      },
    })
    expect(results.message).toEqual({ text, signature: encodeBase58(signature), verified: true })
    const forged = await processWalletResponse({
      ...base,
      response: {
        ...answer,
        method: 'signMessage',
        result: { signature },
        context: { method: 'signMessage', message: 'other' },
      },
    })
    expect(forged.message?.verified).toBe(false)
  })

  it('refuses a signMessage answer without the context the demo sends', async () => {
    await expect(
      processWalletResponse({
        ...base,
        response: {
          ...answer,
          method: 'signMessage',
          result: { signature: new Uint8Array(64) },
          context: undefined,
        },
      }),
    ).rejects.toBeInstanceOf(UnexpectedWalletResponseError)
  })

  it('checks signed transactions', async () => {
    const one = await processWalletResponse({
      ...base,
      response: {
        ...answer,
        method: 'signTransaction',
        result: { transaction: signedTransfer() },
        context: { method: 'signTransaction' },
      },
    })
    expect(one.signedTransaction?.verified).toBe(true)
    const all = await processWalletResponse({
      ...base,
      response: {
        ...answer,
        method: 'signAllTransactions',
        result: { transactions: [signedTransfer(), signedTransfer()] },
        context: { method: 'signAllTransactions', count: 2 },
      },
    })
    expect(all.signedAll).toEqual({ count: 2, verified: true })
    const short = await processWalletResponse({
      ...base,
      response: {
        ...answer,
        method: 'signAllTransactions',
        result: { transactions: [signedTransfer()] },
        context: { method: 'signAllTransactions', count: 2 },
      },
    })
    expect(short.signedAll).toEqual({ count: 1, verified: false })
  })

  it('waits for a transfer to land and reads the new balance', async () => {
    const results = await processWalletResponse({
      ...base,
      response: {
        ...answer,
        method: 'signAndSendTransaction',
        result: { transactionSignature: 'sig58' },
        context: {
          method: 'signAndSendTransaction',
          recipient: 'R',
          lamports: 10_000_000,
          balanceBefore: 1_000_000_000,
        },
      },
    })
    expect(waited).toContain('sig58')
    expect(results.transfer).toEqual({
      signature: 'sig58',
      recipient: 'R',
      lamports: 10_000_000,
      balanceBefore: 1_000_000_000,
      balanceAfter: 989_995_000,
    })
  })
})

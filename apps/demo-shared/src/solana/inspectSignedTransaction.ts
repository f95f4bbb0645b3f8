import { encodeBase58 } from '@dapplink/core'
import { Transaction } from '@solana/web3.js'
import nacl from 'tweetnacl'

export type SignedTransactionInfo = {
  /** base58 of the signer's signature, or null when the transaction carries none for it. */
  signature: string | null
  /** The signature is the signer's valid ed25519 signature of the transaction message. */
  verified: boolean
}

/** Reads a signed legacy transaction (wire bytes) and checks `signer`'s signature on the page. */
export function inspectSignedTransaction(bytes: Uint8Array, signer: string): SignedTransactionInfo {
  let transaction: Transaction
  try {
    transaction = Transaction.from(bytes)
  } catch {
    return { signature: null, verified: false }
  }
  const entry = transaction.signatures.find(({ publicKey }) => publicKey.toBase58() === signer)
  if (!entry?.signature) return { signature: null, verified: false }
  const verified = nacl.sign.detached.verify(
    transaction.serializeMessage(),
    entry.signature,
    entry.publicKey.toBytes(),
  )
  return { signature: encodeBase58(entry.signature), verified }
}

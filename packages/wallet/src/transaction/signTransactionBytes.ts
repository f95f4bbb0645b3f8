import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { constantTimeEqual } from '../crypto/constantTimeEqual.js'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { parseTransactionWire, type TransactionWire } from './parseTransactionWire.js'

/**
 * The index of `publicKey` among the transaction's required signers, or throws `InvalidRequestError`
 * (-32000) when the account is not one of them.
 */
export function findSignerIndex(
  wire: TransactionWire,
  publicKey: Uint8Array,
  redirectLink?: string | undefined,
): number {
  for (let index = 0; index < wire.signatureCount; index++) {
    if (constantTimeEqual(wire.accountKeys[index]!, publicKey)) return index
  }
  throw new InvalidRequestError(
    `The account ${bs58.encode(publicKey)} is not a required signer of this transaction.`,
    {
      details: 'Add the connected account as fee payer or signer before asking the wallet to sign.',
      redirectLink,
    },
  )
}

/**
 * Signs a serialized legacy or v0 Solana transaction with an ed25519 keypair, without a Solana library:
 * writes the detached signature of the message bytes into the account's signature slot. Returns a new array.
 *
 * @example
 * const signed = signTransactionBytes(bs58.decode(payload.transaction), account.secretKey)
 */
export function signTransactionBytes(
  transaction: Uint8Array,
  secretKey: Uint8Array,
  redirectLink?: string | undefined,
): Uint8Array {
  const wire = parseTransactionWire(transaction, redirectLink)
  const publicKey = nacl.sign.keyPair.fromSecretKey(secretKey).publicKey
  const index = findSignerIndex(wire, publicKey, redirectLink)
  const signature = nacl.sign.detached(transaction.subarray(wire.messageOffset), secretKey)
  // new Uint8Array copies even from a Node Buffer, whose slice() would share memory with the caller's bytes.
  const signed = new Uint8Array(transaction)
  signed.set(signature, wire.signaturesOffset + index * nacl.sign.signatureLength)
  return signed
}

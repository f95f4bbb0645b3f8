import bs58 from 'bs58'
import { decodeBase58, maxBase58Length } from '../crypto/decodeBase58.js'
import { maxTransactionSize } from '../deeplink/parseRequestPayload.js'
import { InvalidRequestError } from '../errors/walletRequestError.js'
import { parseTransactionWire } from '../transaction/parseTransactionWire.js'
import { findSignerIndex } from '../transaction/signTransactionBytes.js'
import type { WalletTransaction } from './walletRequest.js'

/**
 * Decodes a base58 transaction of a request for display and signing: its size is checked, its wire format
 * read, and the account must be one of its signers. Throws `InvalidRequestError` (answerable at
 * `redirectLink`) otherwise.
 */
export function decodeWalletTransaction(
  text: string,
  accountPublicKey: Uint8Array,
  redirectLink: string,
): WalletTransaction {
  const bytes = decodeBase58(text, {
    field: 'transaction',
    maxLength: maxBase58Length(maxTransactionSize),
    redirectLink,
  })
  if (bytes.length > maxTransactionSize)
    throw new InvalidRequestError(
      `The transaction is ${bytes.length} bytes; at most ${maxTransactionSize} fit a packet.`,
      { redirectLink },
    )
  const wire = parseTransactionWire(bytes, redirectLink)
  const signerIndex = findSignerIndex(wire, accountPublicKey, redirectLink)
  return {
    bytes,
    version: wire.version,
    feePayer: bs58.encode(wire.accountKeys[0]!),
    signers: wire.accountKeys.slice(0, wire.signatureCount).map((key) => bs58.encode(key)),
    signerIndex,
    instructionCount: wire.instructionCount,
  }
}

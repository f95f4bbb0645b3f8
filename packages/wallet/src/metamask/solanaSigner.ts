import { encodeBase64 } from '@dapplink/core/relay'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { signTransactionBytes } from '../transaction/signTransactionBytes.js'
import { createSiwsMessageText, type SiwsInput } from './siwsMessage.js'

/** `signMessage`'s result, as MetaMask's Solana snap returns it. */
export type SolanaSignMessageResult = { signature: string; signedMessage: string; signatureType: 'ed25519' }
/** `signIn`'s result, as MetaMask's Solana snap returns it. */
export type SolanaSignInResult = SolanaSignMessageResult & { account: { address: string } }

/**
 * Signs a message with an ed25519 key (64-byte tweetnacl secret key): base58 signature, the message
 * itself back in base64, as MetaMask's Solana snap answers.
 */
export function signSolanaMessage(secretKey: Uint8Array, message: Uint8Array): SolanaSignMessageResult {
  return {
    signature: bs58.encode(nacl.sign.detached(message, secretKey)),
    signedMessage: encodeBase64(message),
    signatureType: 'ed25519',
  }
}

/** Signs the Sign-In With Solana text built from `input` for the key's address. */
export function signSolanaSignIn(secretKey: Uint8Array, input: SiwsInput): SolanaSignInResult {
  const address = bs58.encode(nacl.sign.keyPair.fromSecretKey(secretKey).publicKey)
  const text = createSiwsMessageText({ ...input, address })
  return { account: { address }, ...signSolanaMessage(secretKey, new TextEncoder().encode(text)) }
}

/**
 * Signs a serialized transaction in place (the key's signature slot), base64 in and out. Unlike
 * MetaMask's snap, which recompiles an unsigned transaction (fee payer, blockhash, compute budget),
 * this signs the bytes it was given.
 */
export function signSolanaTransaction(secretKey: Uint8Array, transaction: Uint8Array): Uint8Array {
  return signTransactionBytes(transaction, secretKey)
}

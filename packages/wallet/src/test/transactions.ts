import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js'
import type nacl from 'tweetnacl'

const blockhash = '11111111111111111111111111111111'

/** A Keypair of @solana/web3.js built from a tweetnacl sign keypair. */
export function toWeb3Keypair(account: nacl.SignKeyPair): Keypair {
  return Keypair.fromSecretKey(account.secretKey)
}

/** A real legacy transfer from `payer`, optionally with a second signer, serialized unsigned. */
export function legacyTransfer(payer: PublicKey, coSigner?: PublicKey): Uint8Array {
  const transaction = new Transaction({ feePayer: payer, recentBlockhash: blockhash })
  transaction.add(
    SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 1000 }),
  )
  if (coSigner)
    transaction.add(
      SystemProgram.transfer({ fromPubkey: coSigner, toPubkey: Keypair.generate().publicKey, lamports: 5 }),
    )
  return transaction.serialize({ requireAllSignatures: false, verifySignatures: false })
}

/** A real v0 transfer from `payer`, optionally with a second signer, serialized unsigned. */
export function v0Transfer(payer: PublicKey, coSigner?: PublicKey): Uint8Array {
  const instructions = [
    SystemProgram.transfer({ fromPubkey: payer, toPubkey: Keypair.generate().publicKey, lamports: 1000 }),
  ]
  if (coSigner)
    instructions.push(
      SystemProgram.transfer({ fromPubkey: coSigner, toPubkey: Keypair.generate().publicKey, lamports: 5 }),
    )
  const message = new TransactionMessage({
    payerKey: payer,
    recentBlockhash: blockhash,
    instructions,
  }).compileToV0Message()
  return new VersionedTransaction(message).serialize()
}

export { Keypair, PublicKey, Transaction, VersionedTransaction }

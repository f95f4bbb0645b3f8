import { generateKeyPairSync, sign } from 'node:crypto'
import {
  type Address,
  type Blockhash,
  getAddressDecoder,
  getCompiledTransactionMessageEncoder,
  getU32Encoder,
  getU64Encoder,
  type ReadonlyUint8Array,
  type SignatureBytes,
  type Transaction,
  type TransactionMessageBytes,
} from '@solana/kit'

const systemProgram = '11111111111111111111111111111111' as Address
const systemTransferInstruction = 2

/** The cluster's faucet: a throw-away key that pays airdrops with ordinary system transfers. */
export type Faucet = {
  address: Address
  /** A signed legacy transaction moving `lamports` from the faucet to `recipient`. */
  airdropTransaction(recipient: Address, lamports: bigint, blockhash: Blockhash): Transaction
}

/**
 * Creates a faucet key with Node's CSPRNG-backed Ed25519. Signing is synchronous on purpose: an
 * airdrop then runs start to end without yielding, so two airdrops can never share a blockhash.
 */
export function createFaucet(): Faucet {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const rawPublicKey = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url')
  const address = getAddressDecoder().decode(rawPublicKey)
  const messageEncoder = getCompiledTransactionMessageEncoder()
  return {
    address,
    airdropTransaction(recipient, lamports, blockhash) {
      const data = new Uint8Array(12)
      data.set(getU32Encoder().encode(systemTransferInstruction), 0)
      data.set(getU64Encoder().encode(lamports), 4)
      const messageBytes = Uint8Array.from(
        messageEncoder.encode({
          version: 'legacy',
          header: { numSignerAccounts: 1, numReadonlySignerAccounts: 0, numReadonlyNonSignerAccounts: 1 },
          staticAccounts: [address, recipient, systemProgram],
          lifetimeToken: blockhash,
          instructions: [{ programAddressIndex: 2, accountIndices: [0, 1], data }],
        }),
      )
      const signature = new Uint8Array(sign(null, messageBytes, privateKey)) as SignatureBytes
      return {
        messageBytes: messageBytes as ReadonlyUint8Array as TransactionMessageBytes,
        signatures: { [address]: signature },
      } as Transaction
    },
  }
}

import { assertLength } from './assertLength.js'
import { nacl } from './nacl.js'

/**
 * The NaCl box shared key between the dapp and the wallet: `nacl.box.before(walletPk, dappSk)`
 * (HSalsa20 over X25519, not the raw X25519 output). Symmetric: `deriveSharedSecret(dappPk, walletSk)`
 * gives the same 32 bytes.
 *
 * @example
 * const sharedSecret = deriveSharedSecret(walletEncryptionPublicKey, dappKeyPair.secretKey)
 */
export function deriveSharedSecret(theirPublicKey: Uint8Array, ourSecretKey: Uint8Array): Uint8Array {
  assertLength(theirPublicKey, 32, 'encryption public key')
  assertLength(ourSecretKey, 32, 'encryption secret key')
  return nacl.box.before(theirPublicKey, ourSecretKey)
}

/** A fresh X25519 key pair for one connect (`nacl.box.keyPair()`, CSPRNG-backed). */
export function createEncryptionKeyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } {
  return nacl.box.keyPair()
}

/** The X25519 public key that belongs to a secret key (`nacl.box.keyPair.fromSecretKey`). */
export function encryptionPublicKeyFromSecretKey(secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, 32, 'encryption secret key')
  return nacl.box.keyPair.fromSecretKey(secretKey).publicKey
}

import { InvalidArgumentError } from '../errors/deeplink.js'
import { assertLength } from './assertLength.js'
import { constantTimeEqual } from './constantTimeEqual.js'
import { nacl } from './nacl.js'

/**
 * The NaCl box shared key between the dapp and the wallet: `nacl.box.before(walletPk, dappSk)`
 * (HSalsa20 over X25519, not the raw X25519 output). Symmetric: `deriveSharedSecret(dappPk, walletSk)`
 * gives the same 32 bytes. Throws `InvalidArgumentError` for a low-order public key (e.g. all zeros):
 * its X25519 output is all zeros whatever our secret key, so the box key would be a public constant.
 *
 * @example
 * const sharedSecret = deriveSharedSecret(walletEncryptionPublicKey, dappKeyPair.secretKey)
 */
export function deriveSharedSecret(theirPublicKey: Uint8Array, ourSecretKey: Uint8Array): Uint8Array {
  assertLength(theirPublicKey, 32, 'encryption public key')
  assertLength(ourSecretKey, 32, 'encryption secret key')
  const sharedSecret = nacl.box.before(theirPublicKey, ourSecretKey)
  // A low-order point gives an all-zero X25519 output (libsodium refuses it), so its box key is one public
  // constant: HSalsa20 of zeros. Comparing with it costs no second scalar multiplication per derivation.
  lowOrderSharedSecret ??= nacl.box.before(new Uint8Array(32), ourSecretKey)
  if (
    constantTimeEqual(sharedSecret, lowOrderSharedSecret) ||
    constantTimeEqual(sharedSecret, new Uint8Array(32))
  )
    throw new InvalidArgumentError('The encryption public key is a low-order X25519 point.')
  return sharedSecret
}

let lowOrderSharedSecret: Uint8Array | undefined

/** A fresh X25519 key pair for one connect (`nacl.box.keyPair()`, CSPRNG-backed). */
export function createEncryptionKeyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } {
  return nacl.box.keyPair()
}

/** The X25519 public key that belongs to a secret key (`nacl.box.keyPair.fromSecretKey`). */
export function encryptionPublicKeyFromSecretKey(secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, 32, 'encryption secret key')
  return nacl.box.keyPair.fromSecretKey(secretKey).publicKey
}

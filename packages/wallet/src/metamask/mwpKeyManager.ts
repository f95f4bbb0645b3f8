import {
  createEciesKeyPair,
  DecryptionError,
  decodeBase64,
  eciesDecrypt,
  eciesEncrypt,
  encodeBase64,
  isCompressedSecp256k1Point,
} from '@dapplink/core/relay'
import type { IKeyManager, KeyPair } from '@metamask/mobile-wallet-protocol-core'
import { InvalidMwpPeerKeyError } from './errors.js'

/**
 * MetaMask's key manager interface on dapplink's ECIES (byte-compatible with eciesjs 0.4.17, which
 * MetaMask's apps use): secp256k1 key pairs with 33-byte compressed public keys, messages sealed to
 * UTF-8 JSON → ECIES → base64.
 *
 * @example
 * const client = new MwpWalletClient(transport, createMwpKeyManager(), sessionStore)
 */
export function createMwpKeyManager(): IKeyManager {
  return {
    generateKeyPair(): KeyPair {
      const { secretKey, publicKey } = createEciesKeyPair()
      return { privateKey: secretKey, publicKey }
    },
    async encrypt(plaintext: string, theirPublicKey: Uint8Array): Promise<string> {
      return encodeBase64(await eciesEncrypt(theirPublicKey, new TextEncoder().encode(plaintext)))
    },
    async decrypt(encryptedB64: string, myPrivateKey: Uint8Array): Promise<string> {
      const ciphertext = decodeBase64(encryptedB64)
      if (!ciphertext) throw new DecryptionError('The encrypted message is not base64.')
      return new TextDecoder('utf-8', { fatal: true }).decode(await eciesDecrypt(myPrivateKey, ciphertext))
    },
    validatePeerKey(key: Uint8Array): void {
      if (!isCompressedSecp256k1Point(key)) {
        throw new InvalidMwpPeerKeyError(
          `The peer's public key (${key.length} bytes) is not a compressed secp256k1 public key.`,
        )
      }
    },
  }
}

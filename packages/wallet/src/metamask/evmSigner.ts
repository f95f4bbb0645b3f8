import { keccak_256 } from '@noble/hashes/sha3'
import { getPublicKey, signAsync } from '@noble/secp256k1'
import { MwpWalletError } from './errors.js'

const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')

/** The checksummed (EIP-55) address of a 32-byte secp256k1 secret key. */
export function evmAddress(secretKey: Uint8Array): string {
  const publicKey = getPublicKey(secretKey, false)
  const lower = toHex(keccak_256(publicKey.subarray(1)).subarray(12))
  const hash = toHex(keccak_256(new TextEncoder().encode(lower)))
  let checksummed = '0x'
  for (let index = 0; index < lower.length; index++) {
    const character = lower[index] ?? ''
    checksummed += Number.parseInt(hash[index] ?? '0', 16) >= 8 ? character.toUpperCase() : character
  }
  return checksummed
}

/**
 * The bytes `personal_sign` signs: a `0x`-prefixed even-length hex string is data, anything else
 * UTF-8 text, as MetaMask reads it.
 */
export function personalSignMessageBytes(message: string): Uint8Array {
  if (/^0x([0-9a-fA-F]{2})*$/.test(message)) {
    const hex = message.slice(2)
    return Uint8Array.from({ length: hex.length / 2 }, (_, index) =>
      Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16),
    )
  }
  return new TextEncoder().encode(message)
}

/**
 * EIP-191 `personal_sign`: secp256k1 over keccak256("\x19Ethereum Signed Message:\n" + length +
 * message), returned as 0x r ‖ s ‖ v with v = 27 or 28.
 *
 * @example
 * await personalSign(secretKey, personalSignMessageBytes('0x48656c6c6f'))
 */
export async function personalSign(secretKey: Uint8Array, message: Uint8Array): Promise<string> {
  if (message.length > 1_048_576) throw new MwpWalletError('personal_sign accepts at most 1 MiB.')
  const prefix = new TextEncoder().encode(`\x19Ethereum Signed Message:\n${message.length}`)
  const prefixed = new Uint8Array(prefix.length + message.length)
  prefixed.set(prefix)
  prefixed.set(message, prefix.length)
  // 'recovered' is recovery byte ‖ r ‖ s; Ethereum wants r ‖ s ‖ v.
  const recovered = await signAsync(keccak_256(prefixed), secretKey, { prehash: false, format: 'recovered' })
  return `0x${toHex(recovered.subarray(1))}${((recovered[0] ?? 0) + 27).toString(16)}`
}

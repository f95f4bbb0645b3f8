// A domain tag, so this key can never equal a hash of the seed made for another purpose.
const derivationTag = new TextEncoder().encode('dapplink reference wallet: EVM account v1')

/**
 * The reference wallet's EVM account for MetaMask-protocol sessions: a secp256k1 secret key derived from its
 * Solana seed (SHA-256 of a domain tag and the seed), so the wallet stores nothing more and keeps the same EVM
 * address across reloads. Test keys only, like the Solana one.
 *
 * @example createMwpWallet({ ..., evm: { secretKey: await deriveEvmSecretKey(account.secretKey) } })
 */
export async function deriveEvmSecretKey(solanaSecretKey: Uint8Array): Promise<Uint8Array> {
  // tweetnacl's 64-byte secret key is seed ‖ public key; the seed alone determines both.
  const seed = solanaSecretKey.subarray(0, 32)
  const input = new Uint8Array(derivationTag.length + seed.length)
  input.set(derivationTag)
  input.set(seed, derivationTag.length)
  return new Uint8Array(await crypto.subtle.digest('SHA-256', input))
}

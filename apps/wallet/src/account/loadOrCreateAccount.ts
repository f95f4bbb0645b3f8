import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { WalletAppError } from '../errors/WalletAppError.js'
import type { KeyValueStorage } from '../storage/keyValueStorage.js'

/** The storage key of the account's secret key (base58 of the 64-byte ed25519 secret key). */
export const accountStorageKey = 'dapplink.wallet.account'

/**
 * Returns the wallet's ed25519 account, creating and storing one on first run. A reference wallet keeps it
 * unencrypted in the origin's localStorage; a real wallet keeps it in secure, encrypted storage.
 *
 * @example
 * const account = loadOrCreateAccount(localStorage)
 */
export function loadOrCreateAccount(storage: KeyValueStorage): nacl.SignKeyPair {
  const stored = storage.getItem(accountStorageKey)
  if (stored === null) {
    const account = nacl.sign.keyPair()
    storage.setItem(accountStorageKey, bs58.encode(account.secretKey))
    return account
  }
  let secretKey: Uint8Array
  try {
    secretKey = bs58.decode(stored)
  } catch (cause) {
    throw new WalletAppError('The stored account key is not base58.', {
      details: `Clear the "${accountStorageKey}" entry (Reset wallet) to create a new account.`,
      cause,
    })
  }
  if (secretKey.length !== nacl.sign.secretKeyLength)
    throw new WalletAppError(`The stored account key is ${secretKey.length} bytes; it must be 64.`, {
      details: `Clear the "${accountStorageKey}" entry (Reset wallet) to create a new account.`,
    })
  const account = nacl.sign.keyPair.fromSecretKey(secretKey)
  // An ed25519 secret key embeds its public key; a corrupted one would sign for a different account.
  const seeded = nacl.sign.keyPair.fromSeed(secretKey.subarray(0, 32))
  if (bs58.encode(seeded.publicKey) !== bs58.encode(account.publicKey))
    throw new WalletAppError('The stored account key is inconsistent (its public half does not match).', {
      details: `Clear the "${accountStorageKey}" entry (Reset wallet) to create a new account.`,
    })
  return account
}

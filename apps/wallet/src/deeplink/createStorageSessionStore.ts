import type { DeeplinkSession } from '@dapplink/wallet'
import { isCluster } from '@dapplink/wallet'
import bs58 from 'bs58'
import type { KeyValueStorage } from '../storage/keyValueStorage.js'

/** The storage key prefix of deeplink sessions; one entry per dapp encryption public key. */
export const sessionStoragePrefix = 'dapplink.wallet.session.'

/** A `DeeplinkSessionStore` (from @dapplink/wallet) whose calls are synchronous, as Web Storage is. */
export type StorageSessionStore = {
  get(dappEncryptionPublicKey: string): DeeplinkSession | undefined
  set(session: DeeplinkSession): void
  delete(dappEncryptionPublicKey: string): void
}

type StoredSession = {
  dappEncryptionPublicKey: string
  walletEncryptionPublicKey: string
  walletEncryptionSecretKey: string
  session: string
  appUrl: string
  cluster: string | null
  createdAt: number
}

/**
 * A deeplink session store over Web Storage, so the wallet's per-dapp x25519 keys survive the page
 * navigations of a deeplink round trip. Keys are base58 and unencrypted: fine for a reference wallet, not
 * for real funds. An entry that does not parse reads as "no session" (the dapp is then asked to reconnect).
 *
 * @example
 * const wallet = createDeeplinkWallet({ account, baseUrl, sessions: createStorageSessionStore(localStorage) })
 */
export function createStorageSessionStore(storage: KeyValueStorage): StorageSessionStore {
  return {
    get(dappEncryptionPublicKey) {
      const text = storage.getItem(sessionStoragePrefix + dappEncryptionPublicKey)
      if (text === null) return undefined
      const session = decodeSession(text)
      // The entry must be the one it is filed under, or a swapped entry would answer for another dapp.
      return session?.dappEncryptionPublicKey === dappEncryptionPublicKey ? session : undefined
    },
    set(session) {
      storage.setItem(sessionStoragePrefix + session.dappEncryptionPublicKey, encodeSession(session))
    },
    delete(dappEncryptionPublicKey) {
      storage.removeItem(sessionStoragePrefix + dappEncryptionPublicKey)
    },
  }
}

function encodeSession(session: DeeplinkSession): string {
  const stored: StoredSession = {
    dappEncryptionPublicKey: session.dappEncryptionPublicKey,
    walletEncryptionPublicKey: bs58.encode(session.walletEncryptionKeyPair.publicKey),
    walletEncryptionSecretKey: bs58.encode(session.walletEncryptionKeyPair.secretKey),
    session: session.session,
    appUrl: session.appUrl,
    cluster: session.cluster ?? null,
    createdAt: session.createdAt,
  }
  return JSON.stringify(stored)
}

function decodeSession(text: string): DeeplinkSession | undefined {
  try {
    const stored = JSON.parse(text) as Partial<StoredSession> | null
    if (typeof stored !== 'object' || stored === null) return undefined
    const { dappEncryptionPublicKey, session, appUrl, cluster, createdAt } = stored
    if (
      typeof dappEncryptionPublicKey !== 'string' ||
      typeof session !== 'string' ||
      typeof appUrl !== 'string' ||
      typeof createdAt !== 'number' ||
      typeof stored.walletEncryptionPublicKey !== 'string' ||
      typeof stored.walletEncryptionSecretKey !== 'string' ||
      (cluster !== null && (typeof cluster !== 'string' || !isCluster(cluster)))
    )
      return undefined
    const publicKey = bs58.decode(stored.walletEncryptionPublicKey)
    const secretKey = bs58.decode(stored.walletEncryptionSecretKey)
    if (publicKey.length !== 32 || secretKey.length !== 32) return undefined
    return {
      dappEncryptionPublicKey,
      walletEncryptionKeyPair: { publicKey, secretKey },
      session,
      appUrl,
      cluster: cluster ?? undefined,
      createdAt,
    }
  } catch {
    return undefined
  }
}

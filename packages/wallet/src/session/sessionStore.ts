import type { Cluster } from '../deeplink/methods.js'

/** What the wallet remembers about one connected dapp, keyed by the dapp's encryption public key. */
export type DeeplinkSession = {
  /** base58 of the dapp's x25519 public key (the store key). */
  dappEncryptionPublicKey: string
  /** The wallet's x25519 keypair created at connect for this dapp. */
  walletEncryptionKeyPair: { publicKey: Uint8Array; secretKey: Uint8Array }
  /** The session token issued at connect. */
  session: string
  appUrl: string
  cluster: Cluster | undefined
  /** When the session was created, ms since the Unix epoch. */
  createdAt: number
}

type MaybePromise<value> = value | Promise<value>

/**
 * Where the wallet keeps its deeplink sessions. Inject a persistent one (secure storage) in a real wallet;
 * the secret keys it holds must be stored encrypted at rest.
 */
export type DeeplinkSessionStore = {
  get(dappEncryptionPublicKey: string): MaybePromise<DeeplinkSession | undefined>
  set(session: DeeplinkSession): MaybePromise<void>
  delete(dappEncryptionPublicKey: string): MaybePromise<void>
}

/**
 * An in-memory session store (the default): sessions last as long as the process.
 *
 * @example
 * const wallet = createDeeplinkWallet({ account, baseUrl, sessions: createMemorySessionStore() })
 */
export function createMemorySessionStore(): DeeplinkSessionStore {
  const sessions = new Map<string, DeeplinkSession>()
  return {
    get: (key) => sessions.get(key),
    set: (session) => {
      sessions.set(session.dappEncryptionPublicKey, session)
    },
    delete: (key) => {
      sessions.delete(key)
    },
  }
}

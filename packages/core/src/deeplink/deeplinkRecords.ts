import { StorageError } from '../errors/deeplink.js'
import { type Cluster, isCluster } from './cluster.js'
import type { DeeplinkStorage } from './deeplinkStorage.js'
import { isRequestId } from './requestId.js'
import {
  type DeeplinkMethod,
  deeplinkMethods,
  defineWalletProfile,
  type WalletProfile,
} from './walletProfile.js'

// What survives a reload, as JSON in the injected storage. Keys are base58 strings. Anything that does not
// validate is dropped: a corrupt record must not crash the page, and it cannot be used safely.

/** A request sent to the wallet and not answered yet. */
export type PendingRequestRecord = {
  id: string
  method: DeeplinkMethod
  createdAt: number
  profile: WalletProfile
  /** The dapp's X25519 secret key that opens the answer (absent for disconnect, whose answer is empty). */
  dappSecretKey?: string | undefined
  /** The wallet's X25519 key (every method but connect and disconnect). */
  walletEncryptionPublicKey?: string | undefined
  /** signAllTransactions: how many were sent. */
  transactionCount?: number | undefined
  cluster?: Cluster | undefined
}

/** A connected session. */
export type SessionRecord = {
  profile: WalletProfile
  dappSecretKey: string
  walletEncryptionPublicKey: string
  session: string
  publicKey: string
  sessionVerified: boolean
  cluster?: Cluster | undefined
}

/** Why a request id stopped being pending. */
export type ClosedRequestReason = 'answered' | 'cancelled' | 'expired'
export type ClosedRequestRecord = { id: string; reason: ClosedRequestReason }

/** How many closed ids are remembered to recognise replays. */
export const closedRequestLimit = 32

const base58Pattern = /^[1-9A-HJ-NP-Za-km-z]+$/

/** Reads and writes the three records under `<storageKey>.pending|.session|.closed`. */
export function createDeeplinkRecords(storage: DeeplinkStorage, storageKey: string) {
  const keys = {
    pending: `${storageKey}.pending`,
    session: `${storageKey}.session`,
    closed: `${storageKey}.closed`,
  }

  function read<value>(key: string, parse: (raw: Record<string, unknown>) => value | null): value | null {
    let text: string | null
    try {
      text = storage.getItem(key)
    } catch {
      return null
    }
    if (text === null) return null
    let parsed: value | null = null
    try {
      const raw: unknown = JSON.parse(text)
      if (typeof raw === 'object' && raw !== null) parsed = parse(raw as Record<string, unknown>)
    } catch {
      parsed = null
    }
    if (parsed === null) remove(key)
    return parsed
  }

  function write(key: string, value: unknown): void {
    try {
      storage.setItem(key, JSON.stringify(value))
    } catch (cause) {
      throw new StorageError('Could not save the deeplink state.', {
        details:
          'The storage refused the write (quota or privacy mode). Pass another storage to createDeeplinkClient.',
        cause,
      })
    }
  }

  function remove(key: string): void {
    try {
      storage.removeItem(key)
    } catch {
      // Nothing more to do: a stale record is validated and expired on the next read.
    }
  }

  return {
    readPending: () => read(keys.pending, parsePending),
    writePending: (record: PendingRequestRecord) => write(keys.pending, record),
    removePending: () => remove(keys.pending),
    readSession: () => read(keys.session, parseSession),
    writeSession: (record: SessionRecord) => write(keys.session, record),
    removeSession: () => remove(keys.session),
    readClosed: (): ClosedRequestRecord[] => read(keys.closed, parseClosedList)?.list ?? [],
    addClosed: (record: ClosedRequestRecord) => {
      const list = (read(keys.closed, parseClosedList)?.list ?? []).filter((entry) => entry.id !== record.id)
      list.push(record)
      write(keys.closed, { list: list.slice(-closedRequestLimit) })
    },
  }
}

export type DeeplinkRecords = ReturnType<typeof createDeeplinkRecords>

function parseProfile(value: unknown): WalletProfile | null {
  if (typeof value !== 'object' || value === null) return null
  const profile = value as Record<string, unknown>
  try {
    return defineWalletProfile({
      id: profile['id'] as string,
      name: profile['name'] as string,
      baseUrl: profile['baseUrl'] as string,
      encryptionPublicKeyParam: profile['encryptionPublicKeyParam'] as string,
      methods: Array.isArray(profile['methods']) ? (profile['methods'] as DeeplinkMethod[]) : [],
    })
  } catch {
    return null
  }
}

const isBase58 = (value: unknown, maxLength = 128): value is string =>
  typeof value === 'string' && value.length <= maxLength && base58Pattern.test(value)
const isOptional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value)

function parsePending(raw: Record<string, unknown>): PendingRequestRecord | null {
  const profile = parseProfile(raw['profile'])
  const { id, method, createdAt, dappSecretKey, walletEncryptionPublicKey, transactionCount, cluster } = raw
  if (!profile || typeof id !== 'string' || !isRequestId(id)) return null
  if (!deeplinkMethods.includes(method as DeeplinkMethod)) return null
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return null
  if (!isOptional(dappSecretKey, isBase58) || !isOptional(walletEncryptionPublicKey, isBase58)) return null
  if (!isOptional(transactionCount, (value) => Number.isSafeInteger(value) && (value as number) > 0))
    return null
  if (!isOptional(cluster, isCluster)) return null
  if (method !== 'disconnect' && dappSecretKey === undefined) return null
  if (method !== 'disconnect' && method !== 'connect' && walletEncryptionPublicKey === undefined) return null
  return {
    id,
    method: method as DeeplinkMethod,
    createdAt,
    profile,
    dappSecretKey: dappSecretKey as string | undefined,
    walletEncryptionPublicKey: walletEncryptionPublicKey as string | undefined,
    transactionCount: transactionCount as number | undefined,
    cluster: cluster as Cluster | undefined,
  }
}

function parseSession(raw: Record<string, unknown>): SessionRecord | null {
  const profile = parseProfile(raw['profile'])
  const { dappSecretKey, walletEncryptionPublicKey, session, publicKey, sessionVerified, cluster } = raw
  if (!profile || !isBase58(dappSecretKey) || !isBase58(walletEncryptionPublicKey) || !isBase58(publicKey))
    return null
  if (typeof session !== 'string' || session.length === 0 || session.length > 8192) return null
  if (typeof sessionVerified !== 'boolean' || !isOptional(cluster, isCluster)) return null
  return {
    profile,
    dappSecretKey,
    walletEncryptionPublicKey,
    session,
    publicKey,
    sessionVerified,
    cluster: cluster as Cluster | undefined,
  }
}

function parseClosedList(raw: Record<string, unknown>): { list: ClosedRequestRecord[] } | null {
  const list = raw['list']
  if (!Array.isArray(list)) return null
  const valid = list.filter(
    (entry): entry is ClosedRequestRecord =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof entry.id === 'string' &&
      isRequestId(entry.id) &&
      ['answered', 'cancelled', 'expired'].includes(entry.reason),
  )
  return { list: valid.slice(-closedRequestLimit) }
}

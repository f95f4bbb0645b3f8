import { StorageError } from '../errors/deeplink.js'
import { type Cluster, isCluster } from './cluster.js'
import type { DeeplinkStorage } from './deeplinkStorage.js'
import { isRequestId } from './requestId.js'
import {
  type DeeplinkMethod,
  type DefineWalletProfileParameters,
  deeplinkMethods,
  defineWalletProfile,
  type WalletProfile,
} from './walletProfile.js'
import type { JsonValue } from './walletResponse.js'

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
  /** The caller's context, handed back with the answer. */
  context?: JsonValue | undefined
  /** signMessage: the message, base58, to verify the answer's signature. */
  message?: string | undefined
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

/** The records kept under `<storageKey>.<name>`. */
export type DeeplinkRecordTypes = {
  pending: PendingRequestRecord
  session: SessionRecord
  closed: { list: ClosedRequestRecord[] }
}

/** Reads and writes the three records under `<storageKey>.pending|.session|.closed`. */
export function createDeeplinkRecords(storage: DeeplinkStorage, storageKey: string) {
  type Name = keyof DeeplinkRecordTypes

  // A record that is missing, unreadable or invalid reads as null (and a corrupt one is removed).
  function read<name extends Name>(name: name): DeeplinkRecordTypes[name] | null {
    let value: DeeplinkRecordTypes[name] | null = null
    try {
      const text = storage.getItem(`${storageKey}.${name}`)
      if (text === null) return null
      value = parsers[name](JSON.parse(text)) as DeeplinkRecordTypes[name] | null
    } catch {
      // storage, JSON or a field check threw: the record cannot be used
    }
    if (value === null) remove(name)
    return value
  }

  function write<name extends Name>(name: name, value: DeeplinkRecordTypes[name]): void {
    try {
      storage.setItem(`${storageKey}.${name}`, JSON.stringify(value))
    } catch (cause) {
      throw new StorageError('Could not save the deeplink state; pass another storage.', { cause })
    }
  }

  function remove(name: Name): void {
    try {
      storage.removeItem(`${storageKey}.${name}`)
    } catch {
      // Nothing more to do: a stale record is validated and expired on the next read.
    }
  }

  const readClosed = () => read('closed')?.list ?? []

  return {
    read,
    write,
    remove,
    /** Why a request id stopped being pending, if it is among the last ones. */
    closedReason: (id: string) => readClosed().find((entry) => entry.id === id)?.reason,
    addClosed: (record: ClosedRequestRecord) =>
      write('closed', {
        list: [...readClosed().filter((entry) => entry.id !== record.id), record].slice(-closedRequestLimit),
      }),
  }
}

export type DeeplinkRecords = ReturnType<typeof createDeeplinkRecords>

type Stored = Record<string, unknown>

const closedReasons: readonly ClosedRequestReason[] = ['answered', 'cancelled', 'expired']

const isKey = (value: unknown): value is string =>
  typeof value === 'string' && /^[1-9A-HJ-NP-Za-km-z]{1,128}$/.test(value)
const isOptional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value)

// Parsers throw or return null for anything invalid (the reader turns both into null).
const parsers: { [name in keyof DeeplinkRecordTypes]: (raw: Stored) => DeeplinkRecordTypes[name] | null } = {
  pending: parsePending,
  session: parseSession,
  closed: (raw) => ({
    list: (raw['list'] as ClosedRequestRecord[]).filter(
      (entry) => isRequestId(entry?.id) && closedReasons.includes(entry.reason),
    ),
  }),
}

function parsePending(raw: Stored): PendingRequestRecord | null {
  const {
    id,
    method,
    createdAt,
    dappSecretKey,
    walletEncryptionPublicKey,
    transactionCount,
    cluster,
    message,
  } = raw
  const m = method as DeeplinkMethod
  return isRequestId(id) &&
    deeplinkMethods.includes(m) &&
    Number.isFinite(createdAt) &&
    (m === 'disconnect' ? isOptional(dappSecretKey, isKey) : isKey(dappSecretKey)) &&
    (m === 'disconnect' || m === 'connect'
      ? isOptional(walletEncryptionPublicKey, isKey)
      : isKey(walletEncryptionPublicKey)) &&
    isOptional(transactionCount, (value) => Number.isSafeInteger(value) && (value as number) > 0) &&
    isOptional(cluster, isCluster) &&
    (m === 'signMessage' ? typeof message === 'string' : message === undefined)
    ? ({ ...raw, profile: parseProfile(raw['profile']) } as PendingRequestRecord)
    : null
}

function parseSession(raw: Stored): SessionRecord | null {
  const { dappSecretKey, walletEncryptionPublicKey, session, publicKey, sessionVerified, cluster } = raw
  return isKey(dappSecretKey) &&
    isKey(walletEncryptionPublicKey) &&
    isKey(publicKey) &&
    typeof session === 'string' &&
    session.length > 0 &&
    session.length <= 8192 &&
    typeof sessionVerified === 'boolean' &&
    isOptional(cluster, isCluster)
    ? ({ ...raw, profile: parseProfile(raw['profile']) } as SessionRecord)
    : null
}

// A stored profile is validated like a new one (defineWalletProfile throws for anything invalid).
const parseProfile = (profile: unknown) =>
  defineWalletProfile({ methods: [], ...(profile as DefineWalletProfileParameters) })

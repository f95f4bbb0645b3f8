import { decodeBase58 } from '../crypto/base58.js'
import { deriveSharedSecret } from '../crypto/sharedSecret.js'
import { DapplinkError } from '../errors/base.js'
import {
  InvalidResponseError,
  NavigationError,
  RequestCancelledError,
  RequestExpiredError,
} from '../errors/deeplink.js'
import type { ClosedRequestReason, PendingRequestRecord } from './deeplinkRecords.js'

/** The page's URL, or '' outside a browser. */
export function currentUrl(): string {
  return (globalThis as { window?: { location?: { href?: string } } }).window?.location?.href ?? ''
}

/** Opens a deeplink in this window; the default `navigate`. */
export function defaultNavigate(url: string): void {
  const location = (globalThis as { window?: { location?: { assign?: (url: string) => void } } }).window
    ?.location
  if (typeof location?.assign !== 'function')
    throw new NavigationError('No window to open the deeplink in; pass navigate (e.g. Linking.openURL).')
  location.assign(url)
}

export const utf8 = (text: string) => new TextEncoder().encode(text)

export const expired = (method = 'pending') =>
  new RequestExpiredError(`The ${method} request expired before the wallet answered. Send it again.`)

/** Why this instance's request ended when another instance on the same storage closed it. */
export const closedElsewhere = (reason: ClosedRequestReason | undefined) =>
  reason === 'expired'
    ? expired()
    : new RequestCancelledError(`The request was ${reason ?? 'abandoned'} in another client instance.`)

/** The error a failed answer leaves in the state: a typed error as it is, anything else as unreadable. */
export const asAnswerError = (error: unknown): DapplinkError =>
  error instanceof DapplinkError
    ? error
    : new InvalidResponseError('The wallet answer could not be read.', { cause: error })

/** Whether a pending request is past its time to live (or from a clock that cannot be trusted). */
export function isRequestExpired(record: PendingRequestRecord, now: number, requestTtlMs: number): boolean {
  const age = now - record.createdAt
  return age > requestTtlMs || age < -60_000 // a clock far behind the record means it cannot be trusted
}

/** Decodes a key kept in storage (validated as base58 when read; the length is checked here). */
export const storedKey = (text: string | undefined) => decodeBase58(text, { label: 'stored key', length: 32 })

export const sharedSecretOf = (keys: {
  walletEncryptionPublicKey?: string | undefined
  dappSecretKey?: string | undefined
}) => deriveSharedSecret(storedKey(keys.walletEncryptionPublicKey), storedKey(keys.dappSecretKey))

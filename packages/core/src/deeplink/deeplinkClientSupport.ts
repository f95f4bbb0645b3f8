import { decodeBase58 } from '../crypto/base58.js'
import { deriveSharedSecret } from '../crypto/sharedSecret.js'
import { NavigationError, RequestExpiredError } from '../errors/deeplink.js'
import type { PendingRequestRecord } from './deeplinkRecords.js'

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

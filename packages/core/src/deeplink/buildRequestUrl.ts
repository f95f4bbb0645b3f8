import { assertLength } from '../crypto/assertLength.js'
import { encodeBase58 } from '../crypto/base58.js'
import { minimumBase58Length } from '../crypto/base58Length.js'
import { sealJsonPayload } from '../crypto/sealPayload.js'
import { InvalidArgumentError, UnsupportedMethodError, UrlTooLongError } from '../errors/deeplink.js'
import { assertAbsoluteUrl, checkUrlLength, defaultMaxUrlLength } from './buildConnectUrl.js'
import type { DeeplinkMethod, WalletProfile } from './walletProfile.js'

/** How the wallet shows a message to sign. */
export type MessageDisplay = 'utf8' | 'hex'

/** `sendOptions` of `signAndSendTransaction`, passed to the wallet's RPC `sendTransaction`. */
export type DeeplinkSendOptions = {
  skipPreflight?: boolean
  preflightCommitment?: 'processed' | 'confirmed' | 'finalized'
  maxRetries?: number
  minContextSlot?: number
}

/** One encrypted request (every method except connect), with binary values as bytes. */
export type DeeplinkRequest =
  | { method: 'disconnect' }
  | { method: 'signMessage'; message: Uint8Array; display?: MessageDisplay | undefined }
  | { method: 'signTransaction'; transaction: Uint8Array }
  | { method: 'signAllTransactions'; transactions: readonly Uint8Array[] }
  | {
      method: 'signAndSendTransaction'
      transaction: Uint8Array
      sendOptions?: DeeplinkSendOptions | undefined
    }

export type BuildRequestUrlParameters = {
  profile: WalletProfile
  request: DeeplinkRequest
  /** The session token the wallet returned on connect. */
  session: string
  /** `nacl.box.before(walletEncryptionPublicKey, dappSecretKey)`. */
  sharedSecret: Uint8Array
  dappEncryptionPublicKey: Uint8Array
  /** Where the wallet sends its answer (include the request id, see `withRequestId`). */
  redirectLink: string
  maxUrlLength?: number | undefined
  /** Only for known-answer tests; a fresh random nonce otherwise. */
  nonce?: Uint8Array | undefined
}

/**
 * Builds an encrypted deeplink: `<baseUrl><method>?dapp_encryption_public_key=..&nonce=..&redirect_link=..&payload=..`
 * where `payload = base58(nacl.box.after(utf8(JSON), nonce, sharedSecret))`.
 *
 * The length is bounded before anything large is base58-encoded (which is quadratic), then checked exactly.
 *
 * @throws {UnsupportedMethodError} when the profile lacks the method. {@link UrlTooLongError} past `maxUrlLength`.
 */
export function buildRequestUrl(parameters: BuildRequestUrlParameters): string {
  const { profile, request, session, sharedSecret, dappEncryptionPublicKey, redirectLink, nonce } = parameters
  const maxUrlLength = parameters.maxUrlLength ?? defaultMaxUrlLength
  const { method, ...fields } = request as DeeplinkRequest & Record<string, unknown>
  assertMethodSupported(profile, method)
  assertAbsoluteUrl(redirectLink, 'redirect link')
  if (typeof session !== 'string' || !session)
    throw new InvalidArgumentError('The session token is empty. Connect first.')
  assertLength(dappEncryptionPublicKey, 32, 'dapp encryption public key')
  if (method === 'signMessage') {
    fields['display'] ??= 'utf8'
    const display = fields['display']
    if (display !== 'utf8' && display !== 'hex')
      throw new InvalidArgumentError(`Unknown message display "${String(display)}"; use "utf8" or "hex".`)
  }
  if (method === 'signAllTransactions' && !(fields['transactions'] as unknown[]).length)
    throw new InvalidArgumentError('signAllTransactions needs a non-empty array of transactions.')

  // base58 is quadratic (about 1 s for 30,000 characters), so large values are measured with a cheap lower
  // bound and refused before they are encoded; the exact length is checked at the end.
  const prefix = `${profile.baseUrl}${method}?`
  const query = (payload: string, nonceText: string) =>
    new URLSearchParams({
      dapp_encryption_public_key: encodeBase58(dappEncryptionPublicKey),
      nonce: nonceText,
      redirect_link: redirectLink,
      payload,
    })
  const fixedLength = `${prefix}${query('', '')}`.length + 32 // a 24-byte nonce is at least 32 characters
  const assertFits = (minimumLength: number) => {
    if (minimumLength > maxUrlLength)
      throw new UrlTooLongError(minimumLength, maxUrlLength, { atLeast: true })
  }
  // The payload JSON, field for field as the wallets expect it (docs/deeplinks.md): binary values in base58.
  // Ciphertext >= plaintext >= the binaries' base58, so their lower bound is checked before encoding them.
  const binaries = Object.values(fields)
    .flat()
    .filter((value) => value instanceof Uint8Array)
  assertFits(binaries.reduce((total, bytes) => total + minimumBase58Length(bytes), fixedLength))
  const encode = (value: unknown): unknown =>
    value instanceof Uint8Array ? encodeBase58(value) : Array.isArray(value) ? value.map(encode) : value
  const payload: Record<string, unknown> = { session }
  for (const [name, value] of Object.entries(fields)) payload[name] = encode(value)
  const sealed = sealJsonPayload(payload, sharedSecret, nonce)
  assertFits(fixedLength + minimumBase58Length(sealed.ciphertext))
  return checkUrlLength(
    prefix + query(encodeBase58(sealed.ciphertext), encodeBase58(sealed.nonce)),
    maxUrlLength,
  )
}

/** Throws {@link UnsupportedMethodError} unless the profile lists the method. */
export function assertMethodSupported(profile: WalletProfile, method: DeeplinkMethod): void {
  if (!profile.methods.includes(method))
    throw new UnsupportedMethodError(`${profile.name} does not support ${method} over deeplinks.`, {
      details: `Supported: ${profile.methods.join(', ')}.`,
    })
}

import { encodeBase58 } from '../crypto/base58.js'
import { minimumBase58Length } from '../crypto/base58Length.js'
import { sealPayload } from '../crypto/sealPayload.js'
import { InvalidArgumentError, UnsupportedMethodError, UrlTooLongError } from '../errors/deeplink.js'
import { assertAbsoluteUrl, defaultMaxUrlLength } from './buildConnectUrl.js'
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
 * where `payload = bs58(nacl.box.after(utf8(JSON), nonce, sharedSecret))`.
 *
 * The length is bounded before anything large is base58-encoded (which is quadratic), then checked exactly.
 *
 * @throws {UnsupportedMethodError} when the profile lacks the method. {@link UrlTooLongError} past `maxUrlLength`.
 */
export function buildRequestUrl(parameters: BuildRequestUrlParameters): string {
  const { profile, request, session, sharedSecret, dappEncryptionPublicKey, redirectLink, nonce } = parameters
  const maxUrlLength = parameters.maxUrlLength ?? defaultMaxUrlLength
  assertMethodSupported(profile, request.method)
  assertAbsoluteUrl(redirectLink, 'redirect link')
  if (typeof session !== 'string' || session.length === 0)
    throw new InvalidArgumentError('The session token is empty. Connect first.')
  if (dappEncryptionPublicKey.length !== 32)
    throw new InvalidArgumentError(
      `The dapp encryption public key is ${dappEncryptionPublicKey.length} bytes; it must be 32.`,
    )

  // base58 is quadratic (about 1 s for 30,000 characters), so every large value is measured with a cheap
  // lower bound first and refused before it is encoded; the exact length is checked at the end.
  const prefix = `${profile.baseUrl}${request.method}?`
  const query = (payload: string, nonceText: string) =>
    new URLSearchParams({
      dapp_encryption_public_key: encodeBase58(dappEncryptionPublicKey),
      nonce: nonceText,
      redirect_link: redirectLink,
      payload,
    }).toString()
  const fixedLength = prefix.length + query('', '').length + 32 // a 24-byte nonce is at least 32 characters
  const binaries = requestBinaries(request)
  const binariesLength = binaries.reduce((total, bytes) => total + minimumBase58Length(bytes), 0)
  // Ciphertext >= plaintext >= the base58 of the binaries, and each ciphertext byte is at least one character.
  if (fixedLength + binariesLength > maxUrlLength)
    throw new UrlTooLongError(fixedLength + binariesLength, maxUrlLength, { atLeast: true })

  const plaintext = new TextEncoder().encode(JSON.stringify(requestPayload(request, session, encodeBase58)))
  const sealed = sealPayload(plaintext, sharedSecret, nonce)
  const minimumLength = fixedLength + minimumBase58Length(sealed.ciphertext)
  if (minimumLength > maxUrlLength) throw new UrlTooLongError(minimumLength, maxUrlLength, { atLeast: true })
  const url = prefix + query(encodeBase58(sealed.ciphertext), encodeBase58(sealed.nonce))
  if (url.length > maxUrlLength) throw new UrlTooLongError(url.length, maxUrlLength)
  return url
}

/** Throws {@link UnsupportedMethodError} unless the profile lists the method. */
export function assertMethodSupported(profile: WalletProfile, method: DeeplinkMethod): void {
  if (!profile.methods.includes(method))
    throw new UnsupportedMethodError(`${profile.name} does not support ${method} over deeplinks.`, {
      details: `Supported: ${profile.methods.join(', ')}.`,
    })
}

function requestBinaries(request: DeeplinkRequest): readonly Uint8Array[] {
  switch (request.method) {
    case 'disconnect':
      return []
    case 'signMessage':
      return [request.message]
    case 'signTransaction':
    case 'signAndSendTransaction':
      return [request.transaction]
    case 'signAllTransactions':
      return request.transactions
  }
}

// The JSON each wallet expects, field for field (see docs/deeplinks.md).
function requestPayload(request: DeeplinkRequest, session: string, encode: (bytes: Uint8Array) => string) {
  switch (request.method) {
    case 'disconnect':
      return { session }
    case 'signMessage': {
      const display = request.display ?? 'utf8'
      if (display !== 'utf8' && display !== 'hex')
        throw new InvalidArgumentError(`Unknown message display "${String(display)}"; use "utf8" or "hex".`)
      return { message: encode(request.message), session, display }
    }
    case 'signTransaction':
      return { transaction: encode(request.transaction), session }
    case 'signAllTransactions':
      if (request.transactions.length === 0)
        throw new InvalidArgumentError('signAllTransactions needs at least one transaction.')
      return { transactions: request.transactions.map(encode), session }
    case 'signAndSendTransaction':
      return request.sendOptions === undefined
        ? { transaction: encode(request.transaction), session }
        : { transaction: encode(request.transaction), sendOptions: request.sendOptions, session }
  }
}

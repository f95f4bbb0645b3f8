import { deriveSharedSecret } from '../crypto/sharedSecret.js'
import { verifySessionToken } from '../crypto/verifySessionToken.js'
import { InvalidResponseError } from '../errors/deeplink.js'
import { createWalletRpcError } from '../errors/walletRpc.js'
import type { DeeplinkRedirect } from './parseRedirectUrl.js'
import { openAnswerData, readBase58, requireString } from './readResponseFields.js'
import type { WalletProfile } from './walletProfile.js'

export type OpenConnectResponseParameters = {
  redirect: DeeplinkRedirect
  profile: WalletProfile
  /** The dapp's secret key from the connect request. */
  dappSecretKey: Uint8Array
}

export type OpenConnectResponseReturnType = {
  /** The connected account, base58. */
  publicKey: string
  /** The wallet's session token; send it with every later request. */
  session: string
  /**
   * Whether the session token carries a valid signature by `publicKey`. NOT a proof that the wallet holds
   * the account or approved this connect: any message that account ever signed (e.g. a replayed
   * `signMessage` result) passes. Checked, not required.
   */
  sessionSignedByAccount: boolean
  /** @deprecated Same value as `sessionSignedByAccount`, whose name says what it checks; not a proof. */
  sessionVerified: boolean
  /** The wallet's X25519 key for this session, base58. */
  walletEncryptionPublicKey: string
  /** `nacl.box.before(walletEncryptionPublicKey, dappSecretKey)`, for later requests. */
  sharedSecret: Uint8Array
}

/**
 * Opens a `connect` answer: `<wallet>_encryption_public_key`, `nonce`, `data` -> `{ public_key, session }`.
 * Reads the profile's key parameter and falls back to the only other `*_encryption_public_key`.
 *
 * @throws the typed {@link WalletRpcError} when the wallet answered an error; {@link DecryptionError} or
 * {@link InvalidResponseError} for a tampered or malformed answer.
 */
export function openConnectResponse(
  parameters: OpenConnectResponseParameters,
): OpenConnectResponseReturnType {
  const { redirect, profile, dappSecretKey } = parameters
  if (redirect.error) throw createWalletRpcError(redirect.error.code, redirect.error.message)
  const walletKeyText = findWalletEncryptionPublicKey(redirect.params, profile.encryptionPublicKeyParam)
  const walletEncryptionPublicKey = readBase58(walletKeyText, 'wallet encryption public key', 32)
  let sharedSecret: Uint8Array
  try {
    sharedSecret = deriveSharedSecret(walletEncryptionPublicKey, dappSecretKey)
  } catch (cause) {
    // The lengths were checked: only a low-order key gets here, i.e. an answer anyone could have forged.
    throw new InvalidResponseError((cause as InvalidResponseError).shortMessage, { cause })
  }
  const data = openAnswerData(redirect.params, sharedSecret)
  const publicKey = requireString(data, 'public_key')
  const accountKey = readBase58(publicKey, 'public_key', 32)
  const session = requireString(data, 'session')
  if (session.length > 8192)
    throw new InvalidResponseError(`The session token is ${session.length} characters; at most 8192.`)
  const sessionSignedByAccount = verifySessionToken(session, accountKey)
  return {
    publicKey,
    session,
    sessionSignedByAccount,
    sessionVerified: sessionSignedByAccount,
    walletEncryptionPublicKey: walletKeyText,
    sharedSecret,
  }
}

function findWalletEncryptionPublicKey(params: Readonly<Record<string, string>>, preferred: string): string {
  const named = params[preferred]
  if (named) return named
  const candidates = Object.keys(params).filter(
    (name) =>
      name.endsWith('_encryption_public_key') && name !== 'dapp_encryption_public_key' && params[name],
  )
  if (candidates.length === 1) return params[candidates[0]!]!
  // Zero or several candidates: picking one would be a guess.
  throw new InvalidResponseError(
    `The wallet's connect answer has no "${preferred}" (nor exactly one other *_encryption_public_key).`,
  )
}

import { encodeBase64Url } from './base64url.js'
import { labels } from './constants.js'
import { hkdfSha256, sha256 } from './webCrypto.js'

/** `Kauth = HKDF(S, C, "dapplink/v1/auth")`: the handshake MAC key (docs/protocol.md section 2). */
export function deriveAuthKey(secret: Uint8Array, channelId: Uint8Array): Promise<Uint8Array> {
  return hkdfSha256(secret, channelId, labels.auth)
}

/** `Tw = HKDF(S, C, "dapplink/v1/wallet-token")`: the wallet's join token; the relay never sees `S`. */
export function deriveWalletToken(secret: Uint8Array, channelId: Uint8Array): Promise<Uint8Array> {
  return hkdfSha256(secret, channelId, labels.walletToken)
}

// Kept here rather than in constants.ts `labels`: the session token is a relay membership matter, not a frame one.
const walletSessionTokenLabel = 'dapplink/v1/wallet-session-token'

/**
 * `Tw' = HKDF(Kd, th, "dapplink/v1/wallet-session-token")`: the wallet's join token once paired
 * (docs/protocol.md section 3). `Kd` travels ECIES-wrapped to the wallet's fresh key, so only the two ends
 * of the handshake can derive it: not the relay, and not whoever saw the QR code (they hold `S` only).
 *
 * @example
 * const token = await deriveWalletSessionToken(dappKey, transcriptHash) // 32 bytes
 */
export function deriveWalletSessionToken(dappKey: Uint8Array, transcript: Uint8Array): Promise<Uint8Array> {
  return hkdfSha256(dappKey, transcript, walletSessionTokenLabel)
}

/** `b64u(H(token))`, what the dapp registers with the relay in `create` (and `rekey`). */
export async function hashToken(token: Uint8Array): Promise<string> {
  return encodeBase64Url(await sha256(token))
}

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

/** `b64u(H(token))`, what the dapp registers with the relay in `create`. */
export async function hashToken(token: Uint8Array): Promise<string> {
  return encodeBase64Url(await sha256(token))
}

import { concatBytes, utf8 } from './bytes.js'
import { labels } from './constants.js'
import { sha256 } from './webCrypto.js'

/**
 * The wallet's commitment `Cw = H("dapplink/v2/commitment" || Nw)` to its secret 32-byte nonce `Nw`
 * (docs/protocol.md section 4.1). HELLO carries `Cw`; the wallet's DNE reveals `Nw` once KEY arrived, and the
 * verification code covers `Nw`: whoever sends KEY fixes it before knowing `Nw`.
 *
 * @example
 * const walletCommitment = await commitWalletNonce(walletNonce) // 32 bytes, in the HELLO
 */
export function commitWalletNonce(walletNonce: Uint8Array): Promise<Uint8Array> {
  return sha256(concatBytes(utf8(labels.commitment), walletNonce))
}

import { concatBytes, readU32, utf8 } from './bytes.js'
import { labels } from './constants.js'
import { sha256 } from './webCrypto.js'

/**
 * The six-digit code both sides show after the handshake (docs/protocol.md section 4.1):
 * `u32(H("dapplink/v2/sas" || th || Nw)[0..4]) mod 10^6`, over the transcript hash `th = H(HELLO || KEY)` and
 * the wallet's revealed nonce `Nw`. The codes match only if both sides saw the same transcript, and neither
 * the sender of KEY nor the sender of HELLO could choose its part after seeing the other's.
 *
 * @example
 * await computeVerificationCode(transcriptHash, walletNonce) // '042917'
 */
export async function computeVerificationCode(
  transcriptHash: Uint8Array,
  walletNonce: Uint8Array,
): Promise<string> {
  const digest = await sha256(concatBytes(utf8(labels.sas), transcriptHash, walletNonce))
  return String(readU32(digest, 0) % 1_000_000).padStart(6, '0')
}

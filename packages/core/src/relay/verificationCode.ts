import { concatBytes, readU32, utf8 } from './bytes.js'
import { labels } from './constants.js'
import { sha256 } from './webCrypto.js'

/**
 * The six-digit code both sides can show after the handshake: `u32(H("dapplink/v1/sas" || th)[0..4]) mod 10^6`.
 * The codes match only if both sides saw the same transcript.
 *
 * @example
 * await computeVerificationCode(transcriptHash) // '042917'
 */
export async function computeVerificationCode(transcriptHash: Uint8Array): Promise<string> {
  const digest = await sha256(concatBytes(utf8(labels.sas), transcriptHash))
  return String(readU32(digest, 0) % 1_000_000).padStart(6, '0')
}

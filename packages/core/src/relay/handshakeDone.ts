import { HandshakeAuthenticationError, HandshakeCommitmentError } from '../errors/relay.js'
import { concatBytes, constantTimeEqual } from './bytes.js'
import { direction, frameType, nonceLength } from './constants.js'
import { encodeFrame, encodeFrameHeader, type Frame } from './frame.js'
import { commitWalletNonce } from './walletCommitment.js'
import { type AesKey, aesGcmOpen, aesGcmSeal, sha256 } from './webCrypto.js'

// Step 3 of docs/protocol.md section 4.1, both ways: each side confirms the transcript with its direction key,
// and the wallet's DNE reveals the nonce its HELLO committed to. Pure functions; a failed check throws.

const transcriptHashLength = 32

/** `th = H(HELLO frame || KEY frame)`. */
export function transcriptHash(hello: Uint8Array, key: Uint8Array): Promise<Uint8Array> {
  return sha256(concatBytes(hello, key))
}

export type CreateDoneParameters = {
  channelId: Uint8Array
  /** The sender's direction key (`Kd` from the dapp, `Kw` from the wallet). */
  key: AesKey
  transcriptHash: Uint8Array
  iv?: Uint8Array | undefined
} & (
  | { direction: typeof direction.dappToWallet }
  /** The wallet reveals `Nw`, the nonce its HELLO committed to, only now that it holds the KEY. */
  | { direction: typeof direction.walletToDapp; walletNonce: Uint8Array }
)

/**
 * Step 3, both sides: the DNE frame `iv || AES-GCM(K, th, aad = header)` from the dapp, and
 * `iv || AES-GCM(K, th || Nw, aad = header)` from the wallet.
 */
export async function createDone(parameters: CreateDoneParameters): Promise<Uint8Array> {
  const header = encodeFrameHeader({
    type: frameType.done,
    direction: parameters.direction,
    channelId: parameters.channelId,
    seq: 0,
    ack: 0,
  })
  const plaintext =
    parameters.direction === direction.walletToDapp
      ? concatBytes(parameters.transcriptHash, parameters.walletNonce)
      : parameters.transcriptHash
  return encodeFrame(header, await aesGcmSeal(parameters.key, plaintext, header, parameters.iv))
}

/** Step 3, wallet side: opens the dapp's DNE and checks it carries the same transcript hash. */
export async function openDone(parameters: {
  frame: Frame
  key: AesKey
  transcriptHash: Uint8Array
}): Promise<void> {
  const opened = await openSealedDone(parameters.frame, parameters.key)
  if (!opened || !constantTimeEqual(opened, parameters.transcriptHash)) throw notConfirmed()
}

/**
 * Step 3, dapp side: opens the wallet's DNE, checks its transcript hash, and checks the revealed `Nw` against
 * the commitment `Cw` of the HELLO (constant time). Returns `Nw`, which the verification code covers.
 * Throws `HandshakeAuthenticationError` for a DNE that does not confirm this handshake (dropped, the
 * handshake goes on) and `HandshakeCommitmentError` for an authentic DNE whose reveal does not match (the
 * handshake ends: only the HELLO's author holds the key that sealed it).
 */
export async function openWalletDone(parameters: {
  frame: Frame
  key: AesKey
  transcriptHash: Uint8Array
  walletCommitment: Uint8Array
}): Promise<{ walletNonce: Uint8Array }> {
  const opened = await openSealedDone(parameters.frame, parameters.key)
  if (
    !opened ||
    opened.length !== transcriptHashLength + nonceLength ||
    !constantTimeEqual(opened.subarray(0, transcriptHashLength), parameters.transcriptHash)
  )
    throw notConfirmed()
  const walletNonce = opened.slice(transcriptHashLength)
  if (!constantTimeEqual(await commitWalletNonce(walletNonce), parameters.walletCommitment))
    throw new HandshakeCommitmentError()
  return { walletNonce }
}

async function openSealedDone(frame: Frame, key: AesKey): Promise<Uint8Array | undefined> {
  if (frame.type !== frameType.done)
    throw new HandshakeAuthenticationError(`Expected a DNE frame, got type ${frame.type}.`)
  return aesGcmOpen(key, frame.body, frame.header)
}

function notConfirmed(): HandshakeAuthenticationError {
  return new HandshakeAuthenticationError('The DNE does not confirm this handshake.', {
    details: 'Its tag or transcript hash is wrong; the frame was dropped.',
  })
}

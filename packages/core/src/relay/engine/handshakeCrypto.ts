import { HandshakeCommitmentError } from '../../errors/relay.js'
import { direction, frameType } from '../constants.js'
import {
  createDone,
  createHello,
  createKey,
  openDone,
  openHello,
  openKey,
  openWalletDone,
  transcriptHash,
} from '../handshake.js'
import { deriveWalletSessionToken } from '../pairingKeys.js'
import { computeVerificationCode } from '../verificationCode.js'
import { importAesKey } from '../webCrypto.js'
import type { DappHandshakeCrypto, DappHandshakeInput } from './dappHandshake.js'
import type { SessionKeys } from './handshakeStep.js'
import type { WalletHandshakeCrypto, WalletHandshakeInput } from './walletHandshake.js'

// The crypto each handshake step asks for (docs/protocol.md section 4.1), run by the shell between two pure
// steps. Every failed check throws HandshakeAuthenticationError; the shell reports it and drops the frame. The
// one exception is a reveal that does not match the commitment, which comes back as an input and ends the
// handshake.

/** What both roles' crypto needs from the pairing. */
export type HandshakeSecrets = {
  channelId: Uint8Array
  dappPublicKey: Uint8Array
  /** HMAC key of the handshake, derived from the pairing secret. */
  authKey: Uint8Array
}

/** Runs a dapp crypto effect; returns the input to feed back. */
export async function runDappHandshakeCrypto(
  effect: DappHandshakeCrypto,
  secrets: HandshakeSecrets & { dappSecretKey: Uint8Array },
  now: () => number,
): Promise<DappHandshakeInput> {
  const { channelId, dappPublicKey, dappSecretKey, authKey } = secrets
  if (effect.type === 'verifyDone') return verifyWalletDone(effect)
  const { frame } = effect
  const opened = await openHello({ frame, dappPublicKey, dappSecretKey, authKey })
  const hello = frame.bytes
  const created = await createKey({ channelId, hello, walletPublicKey: opened.walletPublicKey, authKey })
  const transcript = await transcriptHash(hello, created.frame)
  const sendKey = await importAesKey(created.dappKey)
  const receiveKey = await importAesKey(opened.walletKey)
  const ownDone = await createDone({
    channelId,
    direction: direction.dappToWallet,
    key: sendKey,
    transcriptHash: transcript,
  })
  return {
    type: 'helloOpened',
    hello,
    walletCommitment: opened.walletCommitment,
    keyFrame: created.frame,
    ownDone,
    keys: {
      sendKey,
      receiveKey,
      transcript,
      walletSessionToken: await deriveWalletSessionToken(created.dappKey, transcript),
    },
    now: now(),
  }
}

/** Runs a wallet crypto effect; returns the input to feed back. */
export async function runWalletHandshakeCrypto(
  effect: WalletHandshakeCrypto,
  secrets: HandshakeSecrets,
  now: () => number,
): Promise<WalletHandshakeInput> {
  const { channelId, dappPublicKey, authKey } = secrets
  if (effect.type === 'verifyDone') return verifyDappDone(effect.frame, effect.keys)
  if (effect.type === 'createHello') {
    const created = await createHello({ channelId, dappPublicKey, authKey })
    const sendKey = await importAesKey(created.walletKey)
    return {
      type: 'helloCreated',
      hello: {
        frame: created.frame,
        walletSecretKey: created.walletSecretKey,
        walletNonce: created.walletNonce,
        sendKey,
      },
      now: now(),
    }
  }
  const { frame, hello } = effect
  const opened = await openKey({ frame, hello: hello.frame, walletSecretKey: hello.walletSecretKey, authKey })
  const transcript = await transcriptHash(hello.frame, frame.bytes)
  const receiveKey = await importAesKey(opened.dappKey)
  // The KEY is fixed now: only from here on may the nonce the HELLO committed to be revealed.
  const ownDone = await createDone({
    channelId,
    direction: direction.walletToDapp,
    key: hello.sendKey,
    transcriptHash: transcript,
    walletNonce: hello.walletNonce,
  })
  return {
    type: 'keyOpened',
    keyFrame: frame.bytes,
    ownDone,
    keys: {
      sendKey: hello.sendKey,
      receiveKey,
      transcript,
      walletSessionToken: await deriveWalletSessionToken(opened.dappKey, transcript),
    },
    verificationCode: await computeVerificationCode(transcript, hello.walletNonce),
    now: now(),
  }
}

async function verifyWalletDone(
  effect: Extract<DappHandshakeCrypto, { type: 'verifyDone' }>,
): Promise<DappHandshakeInput> {
  const { frame, keys, walletCommitment } = effect
  try {
    const { walletNonce } = await openWalletDone({
      frame,
      key: keys.receiveKey,
      transcriptHash: keys.transcript,
      walletCommitment,
    })
    const verificationCode = await computeVerificationCode(keys.transcript, walletNonce)
    return { type: 'doneVerified', peerDone: frame.bytes, verificationCode }
  } catch (error) {
    if (error instanceof HandshakeCommitmentError) return { type: 'revealRefused', error }
    throw error
  }
}

async function verifyDappDone(
  frame: Parameters<typeof openDone>[0]['frame'],
  keys: SessionKeys,
): Promise<{ type: 'doneVerified'; peerDone: Uint8Array }> {
  if (frame.type !== frameType.done) throw new TypeError('verifyDone needs a DNE frame.')
  await openDone({ frame, key: keys.receiveKey, transcriptHash: keys.transcript })
  return { type: 'doneVerified', peerDone: frame.bytes }
}

import {
  createEciesKeyPair,
  eciesDecrypt,
  eciesEncrypt,
  isCompressedSecp256k1Point,
} from '../crypto/ecies.js'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { HandshakeAuthenticationError } from '../errors/relay.js'
import { concatBytes, constantTimeEqual, readU16, u16, utf8 } from './bytes.js'
import {
  aesKeyLength,
  compressedPublicKeyLength,
  direction,
  frameType,
  labels,
  macLength,
  nonceLength,
  wrappedKeyLength,
} from './constants.js'
import { encodeFrame, encodeFrameHeader, type Frame } from './frame.js'
import { commitWalletNonce } from './walletCommitment.js'
import { hmacSha256, randomBytes, sha256 } from './webCrypto.js'

// The three handshake steps of docs/protocol.md section 4.1 as pure functions (randomness injectable for
// known-answer tests; ECIES draws its own ephemeral key). Every check that fails throws
// HandshakeAuthenticationError; the caller drops the frame and the honest handshake goes on. Step 3 (DNE)
// is in handshakeDone.ts.

export {
  type CreateDoneParameters,
  createDone,
  openDone,
  openWalletDone,
  transcriptHash,
} from './handshakeDone.js'
// The relay entry has always exported the key pair maker and the DNE steps from here.
export { createEciesKeyPair }

export type CreateHelloParameters = {
  channelId: Uint8Array
  dappPublicKey: Uint8Array
  authKey: Uint8Array
  /** Injectable for tests; random otherwise. */
  walletSecretKey?: Uint8Array | undefined
  /** `Nw`, the nonce the HELLO commits to and the wallet's DNE reveals. */
  walletNonce?: Uint8Array | undefined
  walletKey?: Uint8Array | undefined
}

export type CreateHelloReturnType = {
  frame: Uint8Array
  walletSecretKey: Uint8Array
  walletPublicKey: Uint8Array
  /** `Kw`, the wallet → dapp AES key. */
  walletKey: Uint8Array
  /** `Nw`: secret until the wallet's DNE reveals it, after KEY arrived. */
  walletNonce: Uint8Array
}

/** Wallet, step 1: builds the HELLO frame `Pw || Cw || u16 len || ECIES(Pd, Kw) || mac`, `Cw` committing to `Nw`. */
export async function createHello(parameters: CreateHelloParameters): Promise<CreateHelloReturnType> {
  const { channelId, dappPublicKey, authKey } = parameters
  const walletPair = createEciesKeyPair(parameters.walletSecretKey)
  const walletNonce = parameters.walletNonce ?? randomBytes(nonceLength)
  if (walletNonce.length !== nonceLength)
    throw new InvalidArgumentError(
      `The wallet nonce has ${walletNonce.length} bytes; it must be ${nonceLength} bytes.`,
    )
  const walletCommitment = await commitWalletNonce(walletNonce)
  const walletKey = parameters.walletKey ?? randomBytes(aesKeyLength)
  const wrapped = await eciesEncrypt(dappPublicKey, walletKey)
  const header = encodeFrameHeader({
    type: frameType.hello,
    direction: direction.walletToDapp,
    channelId,
    seq: 0,
    ack: 0,
  })
  const mac = await hmacSha256(
    authKey,
    concatBytes(utf8(labels.hello), header, dappPublicKey, walletPair.publicKey, walletCommitment, wrapped),
  )
  const body = concatBytes(walletPair.publicKey, walletCommitment, u16(wrapped.length), wrapped, mac)
  return {
    frame: encodeFrame(header, body),
    walletSecretKey: walletPair.secretKey,
    walletPublicKey: walletPair.publicKey,
    walletKey,
    walletNonce,
  }
}

export type OpenHelloParameters = {
  frame: Frame
  dappPublicKey: Uint8Array
  dappSecretKey: Uint8Array
  authKey: Uint8Array
}

/** Dapp, step 1: checks the HELLO's MAC (constant time), unwraps `Kw` and returns the commitment `Cw`. */
export async function openHello(
  parameters: OpenHelloParameters,
): Promise<{ walletPublicKey: Uint8Array; walletKey: Uint8Array; walletCommitment: Uint8Array }> {
  const { frame, dappPublicKey, dappSecretKey, authKey } = parameters
  expectType(frame, frameType.hello, 'HELLO')
  const body = frame.body
  // Fixed layout: Pw (33) || Cw (32) || u16 len || wrapped (129) || mac (32).
  const commitmentOffset = compressedPublicKeyLength
  const lengthOffset = commitmentOffset + nonceLength
  const wrappedOffset = lengthOffset + 2
  const macOffset = wrappedOffset + wrappedKeyLength
  const walletPublicKey = body.slice(0, commitmentOffset)
  const walletCommitment = body.slice(commitmentOffset, lengthOffset)
  const length = readU16(body, lengthOffset)
  if (length !== wrappedKeyLength)
    throw new HandshakeAuthenticationError(
      `The HELLO wraps a key in ${length} bytes; it must be ${wrappedKeyLength}.`,
    )
  const wrapped = body.slice(wrappedOffset, macOffset)
  const mac = body.slice(macOffset, macOffset + macLength)
  const expected = await hmacSha256(
    authKey,
    concatBytes(utf8(labels.hello), frame.header, dappPublicKey, walletPublicKey, walletCommitment, wrapped),
  )
  if (!constantTimeEqual(mac, expected))
    throw new HandshakeAuthenticationError('The HELLO is not authenticated by the pairing secret.', {
      details: 'Someone without the QR code tried to pair; the frame was dropped.',
    })
  if (!isCompressedSecp256k1Point(walletPublicKey))
    throw new HandshakeAuthenticationError(
      'The HELLO carries a wallet key that is not a compressed secp256k1 point.',
    )
  return { walletPublicKey, walletKey: await unwrap(dappSecretKey, wrapped, 'HELLO'), walletCommitment }
}

export type CreateKeyParameters = {
  channelId: Uint8Array
  /** The whole HELLO frame, as received. */
  hello: Uint8Array
  walletPublicKey: Uint8Array
  authKey: Uint8Array
  dappKey?: Uint8Array | undefined
}

/** Dapp, step 2: builds the KEY frame `u16 len || ECIES(Pw, Kd) || mac`; returns `Kd` (dapp → wallet). */
export async function createKey(
  parameters: CreateKeyParameters,
): Promise<{ frame: Uint8Array; dappKey: Uint8Array }> {
  const { channelId, hello, walletPublicKey, authKey } = parameters
  const dappKey = parameters.dappKey ?? randomBytes(aesKeyLength)
  const wrapped = await eciesEncrypt(walletPublicKey, dappKey)
  const header = encodeFrameHeader({
    type: frameType.key,
    direction: direction.dappToWallet,
    channelId,
    seq: 0,
    ack: 0,
  })
  const mac = await hmacSha256(authKey, concatBytes(utf8(labels.key), await sha256(hello), header, wrapped))
  return { frame: encodeFrame(header, concatBytes(u16(wrapped.length), wrapped, mac)), dappKey }
}

export type OpenKeyParameters = {
  frame: Frame
  hello: Uint8Array
  walletSecretKey: Uint8Array
  authKey: Uint8Array
}

/** Wallet, step 2: checks the KEY's MAC (bound to the HELLO it answers) and unwraps `Kd`. */
export async function openKey(parameters: OpenKeyParameters): Promise<{ dappKey: Uint8Array }> {
  const { frame, hello, walletSecretKey, authKey } = parameters
  expectType(frame, frameType.key, 'KEY')
  const length = readU16(frame.body, 0)
  if (length !== wrappedKeyLength)
    throw new HandshakeAuthenticationError(
      `The KEY wraps a key in ${length} bytes; it must be ${wrappedKeyLength}.`,
    )
  const wrapped = frame.body.slice(2, 2 + wrappedKeyLength)
  const mac = frame.body.slice(2 + wrappedKeyLength)
  const expected = await hmacSha256(
    authKey,
    concatBytes(utf8(labels.key), await sha256(hello), frame.header, wrapped),
  )
  if (!constantTimeEqual(mac, expected))
    throw new HandshakeAuthenticationError(
      'The KEY is not authenticated by the pairing secret for this HELLO.',
      {
        details: 'The frame was dropped.',
      },
    )
  return { dappKey: await unwrap(walletSecretKey, wrapped, 'KEY') }
}

function expectType(frame: Frame, type: number, name: string): void {
  if (frame.type !== type)
    throw new HandshakeAuthenticationError(`Expected a ${name} frame, got type ${frame.type}.`)
}

async function unwrap(secretKey: Uint8Array, wrapped: Uint8Array, name: string): Promise<Uint8Array> {
  let key: Uint8Array
  try {
    key = await eciesDecrypt(secretKey, wrapped)
  } catch (cause) {
    throw new HandshakeAuthenticationError(`The key wrapped in the ${name} does not decrypt.`, { cause })
  }
  if (key.length !== aesKeyLength)
    throw new HandshakeAuthenticationError(
      `The key wrapped in the ${name} has ${key.length} bytes; it must be 32.`,
    )
  return key
}

import { getPublicKey, getSharedSecret, Point, utils } from '@noble/secp256k1'
import { DecryptionError, InvalidArgumentError } from '../errors/deeplink.js'

// ECIES exactly as eciesjs 0.5 with its defaults writes it (docs/protocol.md section 1), on a 2.7 KiB
// curve library plus WebCrypto instead of eciesjs's 44 KiB bundle. The byte layout, checked against
// eciesjs's source and interop-tested against it in ecies.test.ts:
//   ciphertext = E (65, uncompressed ephemeral public key) || nonce (16) || tag (16) || AES-256-GCM body
//   key        = HKDF-SHA256(ikm = E || uncompressed(e·P), salt = none (32 zero bytes), info = empty), 32 bytes
// AES-GCM has no associated data; a 16-byte nonce is standard GCM (GHASH-derived counter block).

/** A secp256k1 public key as dapplink sends it: compressed, 33 bytes. */
export const eciesPublicKeyLength = 33
/** eciesjs's uncompressed ephemeral key at the start of every ciphertext. */
const ephemeralKeyLength = 65
const secretKeyLength = 32
const nonceLength = 16
const tagLength = 16
/** Bytes ECIES adds to a plaintext: `ECIES(pk, 32 bytes)` is 32 + 97 = 129 bytes. */
export const eciesOverhead = ephemeralKeyLength + nonceLength + tagLength

/** An ECIES key pair: 32-byte secp256k1 secret key and its 33-byte compressed public key. */
export type EciesKeyPair = { secretKey: Uint8Array; publicKey: Uint8Array }

/**
 * A fresh secp256k1 key pair from `crypto.getRandomValues`, or the pair of a given secret key.
 *
 * @example
 * const { secretKey, publicKey } = createEciesKeyPair() // publicKey: 33 bytes, compressed
 */
export function createEciesKeyPair(secretKey?: Uint8Array): EciesKeyPair {
  const secret = secretKey === undefined ? utils.randomSecretKey() : expectSecretKey(secretKey)
  return { secretKey: secret, publicKey: getPublicKey(secret, true) }
}

/**
 * The secret key shaped like eciesjs's `PrivateKey` (`secret`, `publicKey.toBytes(compressed)`), so code
 * written against eciesjs moves off it by changing its import only.
 */
export class EciesPrivateKey {
  readonly secret: Uint8Array
  readonly publicKey: { toBytes(compressed?: boolean): Uint8Array }

  constructor(secret?: Uint8Array) {
    const pair = createEciesKeyPair(secret)
    this.secret = pair.secretKey
    this.publicKey = {
      toBytes: (compressed = true) => (compressed ? pair.publicKey : getPublicKey(pair.secretKey, false)),
    }
  }
}

/** Whether `bytes` is a 33-byte compressed secp256k1 point on the curve. */
export function isCompressedSecp256k1Point(bytes: Uint8Array): boolean {
  return bytes.length === eciesPublicKeyLength && parsePoint(bytes) !== undefined
}

/** Test-only: fixes the randomness of `eciesEncrypt` so a known-answer vector can pin its output. */
export type EciesEncryptTestOptions = { ephemeralSecretKey?: Uint8Array; nonce?: Uint8Array }

/**
 * Encrypts `plaintext` to a secp256k1 public key in eciesjs 0.5's default format (97 bytes longer).
 * Throws `InvalidArgumentError` when the key is not a valid point.
 *
 * @example
 * const wrapped = await eciesEncrypt(walletPublicKey, dappKey) // 129 bytes for a 32-byte key
 */
export async function eciesEncrypt(
  receiverPublicKey: Uint8Array,
  plaintext: Uint8Array,
  testOptions: EciesEncryptTestOptions = {},
): Promise<Uint8Array> {
  const seal = await prepareEciesEncryption(receiverPublicKey, testOptions.ephemeralSecretKey)
  return seal(plaintext, testOptions.nonce)
}

/** One ECIES encryption with its key agreement already done; use it once. */
export type PreparedEciesEncryption = (plaintext: Uint8Array, testNonce?: Uint8Array) => Promise<Uint8Array>

/**
 * Does the costly half of `eciesEncrypt` (ephemeral key, ECDH, HKDF) ahead of time, so a message can be
 * sealed with one AES-GCM call when it is ready. Each prepared encryption must seal one message only: a
 * second use would reuse the ephemeral key.
 */
export async function prepareEciesEncryption(
  receiverPublicKey: Uint8Array,
  testEphemeralSecretKey?: Uint8Array,
): Promise<PreparedEciesEncryption> {
  // Checked before any multiplication: an off-curve key is the invalid-curve attack (GHSA-584q-6j8j-r5pm).
  if (!parsePoint(receiverPublicKey))
    throw new InvalidArgumentError(
      `The ECIES public key (${receiverPublicKey.length} bytes) is not a secp256k1 point.`,
      { details: 'Pass the 33-byte compressed public key of the receiver.' },
    )
  const ephemeralSecretKey = createEciesKeyPair(testEphemeralSecretKey).secretKey
  const ephemeralPublicKey = getPublicKey(ephemeralSecretKey, false)
  const key = await deriveAesKey(
    ephemeralPublicKey,
    getSharedSecret(ephemeralSecretKey, receiverPublicKey, false),
  )
  let used = false
  return async (plaintext, testNonce) => {
    if (used) throw new InvalidArgumentError('A prepared ECIES encryption seals one message only.')
    used = true
    const nonce = testNonce ?? globalThis.crypto.getRandomValues(new Uint8Array(nonceLength))
    if (nonce.length !== nonceLength)
      throw new InvalidArgumentError(`The ECIES nonce has ${nonce.length} bytes; it must be ${nonceLength}.`)
    const sealed = new Uint8Array(
      await subtle().encrypt(
        { name: 'AES-GCM', iv: view(nonce), tagLength: tagLength * 8 },
        key,
        view(plaintext),
      ),
    )
    // WebCrypto returns body || tag; eciesjs puts the tag first.
    const bodyLength = sealed.length - tagLength
    const result = new Uint8Array(eciesOverhead + bodyLength)
    result.set(ephemeralPublicKey, 0)
    result.set(nonce, ephemeralKeyLength)
    result.set(sealed.subarray(bodyLength), ephemeralKeyLength + nonceLength)
    result.set(sealed.subarray(0, bodyLength), eciesOverhead)
    return result
  }
}

/**
 * Decrypts an eciesjs 0.5 default-format ciphertext with the receiver's 32-byte secret key. Throws
 * `DecryptionError` when the ciphertext is too short, its ephemeral key is not a point, or its tag fails.
 *
 * @example
 * const dappKey = await eciesDecrypt(walletSecretKey, wrapped)
 */
export async function eciesDecrypt(secretKey: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  expectSecretKey(secretKey)
  if (ciphertext.length < eciesOverhead)
    throw new DecryptionError(
      `The ECIES ciphertext has ${ciphertext.length} bytes; it needs at least ${eciesOverhead}.`,
    )
  const ephemeralPublicKey = ciphertext.subarray(0, ephemeralKeyLength)
  // Only eciesjs's uncompressed form is accepted, and only on the curve (invalid-curve attack).
  if (ephemeralPublicKey[0] !== 4 || !parsePoint(ephemeralPublicKey))
    throw new DecryptionError('The ECIES ciphertext does not start with an uncompressed secp256k1 point.')
  const key = await deriveAesKey(ephemeralPublicKey, getSharedSecret(secretKey, ephemeralPublicKey, false))
  const nonce = ciphertext.subarray(ephemeralKeyLength, ephemeralKeyLength + nonceLength)
  const tag = ciphertext.subarray(ephemeralKeyLength + nonceLength, eciesOverhead)
  const body = ciphertext.subarray(eciesOverhead)
  const sealed = new Uint8Array(body.length + tagLength)
  sealed.set(body)
  sealed.set(tag, body.length)
  try {
    return new Uint8Array(
      await subtle().decrypt({ name: 'AES-GCM', iv: view(nonce), tagLength: tagLength * 8 }, key, sealed),
    )
  } catch (cause) {
    throw new DecryptionError('The ECIES ciphertext does not decrypt with this key.', {
      cause,
      details: 'It was tampered with, or encrypted to another public key.',
    })
  }
}

async function deriveAesKey(ephemeralPublicKey: Uint8Array, sharedPoint: Uint8Array): Promise<CryptoKey> {
  const ikm = new Uint8Array(ephemeralKeyLength * 2)
  ikm.set(ephemeralPublicKey)
  ikm.set(sharedPoint, ephemeralKeyLength)
  sharedPoint.fill(0)
  const hkdfKey = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveKey'])
  ikm.fill(0)
  // RFC 5869: no salt means a hash-length string of zeros, which is what eciesjs's hkdf uses.
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: new Uint8Array(0) },
    hkdfKey,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

function parsePoint(bytes: Uint8Array): Point | undefined {
  try {
    return Point.fromBytes(bytes)
  } catch {
    return undefined
  }
}

function expectSecretKey(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== secretKeyLength || !utils.isValidSecretKey(secretKey))
    throw new InvalidArgumentError(
      `The ECIES secret key (${secretKey.length} bytes) is not a secp256k1 secret key.`,
      { details: 'It must be 32 bytes encoding a number between 1 and the curve order minus 1.' },
    )
  return secretKey
}

function subtle(): SubtleCrypto {
  const value = globalThis.crypto?.subtle
  if (!value)
    throw new TypeError(
      'WebCrypto (globalThis.crypto.subtle) is not available; use Node 20+ or a secure context.',
    )
  return value
}

// WebCrypto wants ArrayBuffer-backed views; ours always are (never SharedArrayBuffer).
const view = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>

import { utf8 } from './bytes.js'
import { gcmTagLength, ivLength } from './constants.js'
import { importNodeAesKey, type SyncAesKey } from './nodeAesGcm.js'

/** A session direction key: node:crypto's in Node (synchronous: nodeAesGcm.ts), a non-extractable WebCrypto key elsewhere. */
export type AesKey = CryptoKey | SyncAesKey

const isSyncKey = (key: AesKey): key is SyncAesKey => 'seal' in key

// WebCrypto wants ArrayBuffer-backed views; ours always are (never SharedArrayBuffer).
const view = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>

function subtle(): SubtleCrypto {
  const value = globalThis.crypto?.subtle
  if (!value)
    throw new TypeError(
      'WebCrypto (globalThis.crypto.subtle) is not available; use Node 20+ or a secure context.',
    )
  return value
}

/** `length` random bytes from `crypto.getRandomValues` (the only randomness the protocol uses). */
export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length))
}

/** SHA-256. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', view(data)))
}

/** HMAC-SHA256. */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await subtle().importKey('raw', view(key), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  return new Uint8Array(await subtle().sign('HMAC', cryptoKey, view(data)))
}

/** HKDF-SHA256 with a string `info`, 32 bytes out. */
export async function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: string): Promise<Uint8Array> {
  const cryptoKey = await subtle().importKey('raw', view(ikm), 'HKDF', false, ['deriveBits'])
  const bits = await subtle().deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: view(salt), info: view(utf8(info)) },
    cryptoKey,
    256,
  )
  return new Uint8Array(bits)
}

/** The AES-256-GCM key for one direction of a session: in node:crypto under Node, else non-extractable WebCrypto. */
export async function importAesKey(raw: Uint8Array): Promise<AesKey> {
  return importNodeAesKey(raw) ?? importWebCryptoAesKey(raw)
}

/** A non-extractable WebCrypto AES-256-GCM key (what browsers use; tests use it in Node to cover that path). */
export function importWebCryptoAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', view(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
}

/** AES-256-GCM seal: returns `iv (12) || ciphertext || tag (16)`. `iv` is injectable for known-answer tests. */
export async function aesGcmSeal(
  key: AesKey,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
  iv: Uint8Array = randomBytes(ivLength),
): Promise<Uint8Array> {
  return aesGcmSealWithPrefix(key, new Uint8Array(0), plaintext, additionalData, iv)
}

/**
 * AES-256-GCM seal of a whole frame: returns `header || iv (12) || ciphertext || tag (16)` with the header
 * as associated data, in one allocation (the per-frame path: no intermediate body copy).
 */
export async function aesGcmSealFrame(
  key: AesKey,
  header: Uint8Array,
  plaintext: Uint8Array,
  iv: Uint8Array = randomBytes(ivLength),
): Promise<Uint8Array> {
  return aesGcmSealWithPrefix(key, header, plaintext, header, iv)
}

async function aesGcmSealWithPrefix(
  key: AesKey,
  prefix: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
  iv: Uint8Array,
): Promise<Uint8Array> {
  if (isSyncKey(key)) return key.seal(plaintext, additionalData, iv, prefix)
  const sealed = await subtle().encrypt(
    { name: 'AES-GCM', iv: view(iv), additionalData: view(additionalData), tagLength: gcmTagLength * 8 },
    key,
    view(plaintext),
  )
  const result = new Uint8Array(prefix.length + ivLength + sealed.byteLength)
  result.set(prefix)
  result.set(iv, prefix.length)
  result.set(new Uint8Array(sealed), prefix.length + ivLength)
  return result
}

/** AES-256-GCM open of `iv || ciphertext || tag`; undefined when the tag does not verify. */
export async function aesGcmOpen(
  key: AesKey,
  body: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array | undefined> {
  if (body.length < ivLength + gcmTagLength) return undefined
  if (isSyncKey(key)) return key.open(body, additionalData)
  try {
    const plaintext = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: view(body.subarray(0, ivLength)),
        additionalData: view(additionalData),
        tagLength: gcmTagLength * 8,
      },
      key,
      view(body.subarray(ivLength)),
    )
    return new Uint8Array(plaintext)
  } catch {
    return undefined
  }
}

import { concatBytes } from './bytes.js'
import { gcmTagLength, ivLength } from './constants.js'

// Node's WebCrypto runs every AES-GCM call on the thread pool: about 110 µs per seal + open of a 200 B
// frame here, against about 9 µs for node:crypto's synchronous cipher (BENCHMARKS.md "Session 5"). In Node
// the session keys therefore live in node:crypto; browsers keep WebCrypto (webCrypto.ts).

/** A key whose AES-256-GCM runs synchronously in this process. */
export type SyncAesKey = {
  /** `prefix || iv || ciphertext || tag` (`prefix`: the frame header, or nothing). */
  seal(plaintext: Uint8Array, additionalData: Uint8Array, iv: Uint8Array, prefix: Uint8Array): Uint8Array
  /** Opens `iv || ciphertext || tag`; undefined when the tag does not verify. */
  open(body: Uint8Array, additionalData: Uint8Array): Uint8Array | undefined
}

type GcmCipher = {
  setAAD(data: Uint8Array): unknown
  update(data: Uint8Array): Uint8Array
  final(): Uint8Array
}
type NodeCrypto = {
  createSecretKey(key: Uint8Array): object
  createCipheriv(...args: unknown[]): GcmCipher & { getAuthTag(): Uint8Array }
  createDecipheriv(...args: unknown[]): GcmCipher & { setAuthTag(tag: Uint8Array): unknown }
}

/**
 * The session key held by node:crypto (never exported; memory only, like a CryptoKey), or undefined when
 * the host is not Node. node:crypto is read through `process.getBuiltinModule` (Node ≥ 20.16), so browser
 * bundles see no Node import.
 */
export function importNodeAesKey(raw: Uint8Array): SyncAesKey | undefined {
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const crypto = host?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
  if (!crypto) return undefined
  const secret = crypto.createSecretKey(raw)
  const options = { authTagLength: gcmTagLength }
  return {
    seal(plaintext, additionalData, iv, prefix) {
      const cipher = crypto.createCipheriv('aes-256-gcm', secret, iv, options)
      cipher.setAAD(additionalData)
      return concatBytes(prefix, iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag())
    },
    open(body, additionalData) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', secret, body.subarray(0, ivLength), options)
      decipher.setAAD(additionalData)
      decipher.setAuthTag(body.subarray(body.length - gcmTagLength))
      try {
        return concatBytes(
          decipher.update(body.subarray(ivLength, body.length - gcmTagLength)),
          decipher.final(),
        )
      } catch {
        return undefined
      }
    },
  }
}

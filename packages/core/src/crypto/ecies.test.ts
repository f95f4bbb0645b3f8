import { createCipheriv, createECDH, hkdfSync } from 'node:crypto'
import { decrypt as eciesjsDecrypt, encrypt as eciesjsEncrypt, PrivateKey, PublicKey } from 'eciesjs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DecryptionError, InvalidArgumentError } from '../errors/deeplink.js'
import {
  createEciesKeyPair,
  EciesPrivateKey,
  eciesDecrypt,
  eciesEncrypt,
  eciesOverhead,
  isCompressedSecp256k1Point,
} from './ecies.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'))
const curveOrder = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const fieldPrime = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn

// Valid secret keys: 32 bytes in [1, n - 1].
const secretKeyArbitrary = fc
  .bigInt({ min: 1n, max: curveOrder - 1n })
  .map((value) => fromHex(value.toString(16).padStart(64, '0')))
const plaintextArbitrary = fc.uint8Array({ minLength: 0, maxLength: 300 })

// Known-answer vector: receiver d = 0x11.., ephemeral e = 0x22.., nonce 0x33.., computed with node:crypto only
// (see independentEncrypt below), never with the code under test.
const vector = {
  receiverSecretKey: new Uint8Array(32).fill(0x11),
  receiverPublicKey: '034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa',
  ephemeralSecretKey: new Uint8Array(32).fill(0x22),
  nonce: new Uint8Array(16).fill(0x33),
  plaintext: new TextEncoder().encode('dapplink ecies known-answer vect'),
  ciphertext:
    '04466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f276728176c3c6431f8eeda4538dc37c865e2784f3a9e77d044f33e407797e1278a' +
    '33333333333333333333333333333333' +
    'ef49fe1b3b09192af0391ec4514d5d44' +
    'ebd58c71275eed6aaf6e3e36de82b842921e843d9f472bc1e801cf3322ad88f3',
}

/** eciesjs's default format rebuilt from node:crypto: e·P is (e·d mod n)·G, read off node's ECDH. */
function independentEncrypt(
  receiverSecretKey: Uint8Array,
  ephemeralSecretKey: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  const toBig = (bytes: Uint8Array) => BigInt(`0x${hex(bytes)}`)
  const ephemeral = createECDH('secp256k1')
  ephemeral.setPrivateKey(ephemeralSecretKey)
  const shared = createECDH('secp256k1')
  shared.setPrivateKey(
    fromHex(
      ((toBig(ephemeralSecretKey) * toBig(receiverSecretKey)) % curveOrder).toString(16).padStart(64, '0'),
    ),
  )
  const ephemeralPublicKey = ephemeral.getPublicKey(null, 'uncompressed')
  // node's HKDF with an empty salt: RFC 5869 makes it the same as eciesjs's absent salt.
  const key = Buffer.from(
    hkdfSync(
      'sha256',
      Buffer.concat([ephemeralPublicKey, shared.getPublicKey(null, 'uncompressed')]),
      '',
      '',
      32,
    ),
  )
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return new Uint8Array(Buffer.concat([ephemeralPublicKey, nonce, cipher.getAuthTag(), body]))
}

/** The smallest x for which x³ + 7 has no square root mod p: no secp256k1 point has it. */
function offCurveX(): bigint {
  const power = (base: bigint, exponent: bigint): bigint => {
    let result = 1n
    let b = base % fieldPrime
    for (let e = exponent; e > 0n; e >>= 1n) {
      if (e & 1n) result = (result * b) % fieldPrime
      b = (b * b) % fieldPrime
    }
    return result
  }
  for (let x = 1n; ; x++) if (power(x ** 3n + 7n, (fieldPrime - 1n) / 2n) === fieldPrime - 1n) return x
}
const offCurveCompressed = fromHex(`02${offCurveX().toString(16).padStart(64, '0')}`)

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  )
}

describe('known-answer vector', () => {
  it('node:crypto alone reproduces the pinned vector', () => {
    const built = independentEncrypt(
      vector.receiverSecretKey,
      vector.ephemeralSecretKey,
      vector.nonce,
      vector.plaintext,
    )
    expect(hex(built)).toBe(vector.ciphertext)
  })

  it('eciesEncrypt with the fixed ephemeral key and nonce writes exactly the vector', async () => {
    const receiver = createEciesKeyPair(vector.receiverSecretKey)
    expect(hex(receiver.publicKey)).toBe(vector.receiverPublicKey)
    const ciphertext = await eciesEncrypt(receiver.publicKey, vector.plaintext, {
      ephemeralSecretKey: vector.ephemeralSecretKey,
      nonce: vector.nonce,
    })
    expect(hex(ciphertext)).toBe(vector.ciphertext)
    expect(ciphertext.length).toBe(129)
  })

  it('both eciesDecrypt and eciesjs open the vector', async () => {
    const ciphertext = fromHex(vector.ciphertext)
    expect(await eciesDecrypt(vector.receiverSecretKey, ciphertext)).toEqual(vector.plaintext)
    expect(new Uint8Array(eciesjsDecrypt(vector.receiverSecretKey, ciphertext))).toEqual(vector.plaintext)
  })

  it('matches node:crypto for random keys, nonces and plaintexts', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretKeyArbitrary,
        secretKeyArbitrary,
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        plaintextArbitrary,
        async (receiverSecretKey, ephemeralSecretKey, nonce, plaintext) => {
          const ours = await eciesEncrypt(createEciesKeyPair(receiverSecretKey).publicKey, plaintext, {
            ephemeralSecretKey,
            nonce,
          })
          expect(hex(ours)).toBe(
            hex(independentEncrypt(receiverSecretKey, ephemeralSecretKey, nonce, plaintext)),
          )
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('interoperability with eciesjs 0.5', () => {
  it('eciesjs decrypts what eciesEncrypt writes', async () => {
    await fc.assert(
      fc.asyncProperty(secretKeyArbitrary, plaintextArbitrary, async (secretKey, plaintext) => {
        const ciphertext = await eciesEncrypt(createEciesKeyPair(secretKey).publicKey, plaintext)
        expect(ciphertext.length).toBe(plaintext.length + eciesOverhead)
        expect(new Uint8Array(eciesjsDecrypt(secretKey, ciphertext))).toEqual(plaintext)
      }),
      { numRuns: 60 },
    )
  })

  it('eciesDecrypt opens what eciesjs writes', async () => {
    await fc.assert(
      fc.asyncProperty(secretKeyArbitrary, plaintextArbitrary, async (secretKey, plaintext) => {
        const ciphertext = eciesjsEncrypt(new PrivateKey(secretKey).publicKey.toBytes(true), plaintext)
        expect(await eciesDecrypt(secretKey, ciphertext)).toEqual(plaintext)
      }),
      { numRuns: 60 },
    )
  })

  it('derives the same public keys as eciesjs, compressed and not', () => {
    fc.assert(
      fc.property(secretKeyArbitrary, (secretKey) => {
        const theirs = new PrivateKey(secretKey)
        const ours = new EciesPrivateKey(secretKey)
        expect(ours.secret).toEqual(theirs.secret)
        expect(createEciesKeyPair(secretKey).publicKey).toEqual(theirs.publicKey.toBytes(true))
        expect(ours.publicKey.toBytes(true)).toEqual(theirs.publicKey.toBytes(true))
        expect(ours.publicKey.toBytes(false)).toEqual(theirs.publicKey.toBytes(false))
      }),
      { numRuns: 50 },
    )
  })

  it('makes fresh, valid key pairs and a fresh ephemeral key per message', async () => {
    const first = createEciesKeyPair()
    const second = new EciesPrivateKey()
    expect(first.secretKey).not.toEqual(second.secret)
    expect(isCompressedSecp256k1Point(first.publicKey)).toBe(true)
    expect(isCompressedSecp256k1Point(second.publicKey.toBytes())).toBe(true)
    const plaintext = new Uint8Array(32)
    const a = await eciesEncrypt(first.publicKey, plaintext)
    const b = await eciesEncrypt(first.publicKey, plaintext)
    expect(hex(a.subarray(0, 65))).not.toBe(hex(b.subarray(0, 65)))
    expect(hex(a.subarray(65, 81))).not.toBe(hex(b.subarray(65, 81)))
  })
})

describe('rejections', () => {
  const receiver = createEciesKeyPair(vector.receiverSecretKey)
  const ciphertext = fromHex(vector.ciphertext)

  it('rejects every single-bit change of a ciphertext with DecryptionError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ciphertext.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        async (index, bit) => {
          const tampered = ciphertext.slice()
          tampered[index] = (tampered[index] ?? 0) ^ (1 << bit)
          expect(await rejection(eciesDecrypt(vector.receiverSecretKey, tampered))).toBeInstanceOf(
            DecryptionError,
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('rejects a ciphertext for another key with DecryptionError', async () => {
    const error = await rejection(eciesDecrypt(new Uint8Array(32).fill(0x12), ciphertext))
    expect(error).toBeInstanceOf(DecryptionError)
    expect((error as DecryptionError).shortMessage).toMatch(/does not decrypt with this key/)
  })

  it('rejects every truncation and an appended byte with DecryptionError', async () => {
    for (let length = 0; length < ciphertext.length; length++) {
      const error = await rejection(eciesDecrypt(vector.receiverSecretKey, ciphertext.subarray(0, length)))
      expect(error, `length ${length}`).toBeInstanceOf(DecryptionError)
    }
    const longer = new Uint8Array(ciphertext.length + 1)
    longer.set(ciphertext)
    expect(await rejection(eciesDecrypt(vector.receiverSecretKey, longer))).toBeInstanceOf(DecryptionError)
  })

  it('rejects an off-curve ephemeral key before any multiplication (invalid-curve attack)', async () => {
    const offCurve = ciphertext.slice()
    offCurve[64] = (offCurve[64] ?? 0) ^ 1 // y changes, x stays: no longer on the curve
    const error = await rejection(eciesDecrypt(vector.receiverSecretKey, offCurve))
    expect(error).toBeInstanceOf(DecryptionError)
    expect((error as DecryptionError).shortMessage).toMatch(/uncompressed secp256k1 point/)
  })

  it('rejects a compressed or hybrid ephemeral key, which eciesjs never writes', async () => {
    const compressed = createEciesKeyPair(vector.ephemeralSecretKey).publicKey
    const shifted = new Uint8Array(ciphertext.length - 32)
    shifted.set(compressed)
    shifted.set(ciphertext.subarray(65), 33)
    expect(await rejection(eciesDecrypt(vector.receiverSecretKey, shifted))).toBeInstanceOf(DecryptionError)
    for (const prefix of [0x00, 0x02, 0x06, 0x07]) {
      const relabelled = ciphertext.slice()
      relabelled[0] = prefix
      const error = await rejection(eciesDecrypt(vector.receiverSecretKey, relabelled))
      expect(error, `prefix ${prefix}`).toBeInstanceOf(DecryptionError)
      expect((error as DecryptionError).shortMessage).toMatch(/uncompressed secp256k1 point/)
    }
  })

  it('rejects a receiver key that is not a point with InvalidArgumentError', async () => {
    const wrongPrefix = receiver.publicKey.slice()
    wrongPrefix[0] = 0x04
    const candidates = [
      offCurveCompressed,
      wrongPrefix,
      receiver.publicKey.subarray(0, 32),
      new Uint8Array([...receiver.publicKey, 0]),
      new Uint8Array(33),
      new Uint8Array(0),
      fromHex(`02${fieldPrime.toString(16)}`), // x = p is out of range
    ]
    for (const candidate of candidates) {
      expect(isCompressedSecp256k1Point(candidate), hex(candidate)).toBe(false)
      const error = await rejection(eciesEncrypt(candidate, new Uint8Array(32)))
      expect(error, hex(candidate)).toBeInstanceOf(InvalidArgumentError)
    }
  })

  it('rejects a secret key out of range with InvalidArgumentError', async () => {
    const order = fromHex(curveOrder.toString(16))
    for (const secretKey of [
      new Uint8Array(32),
      order,
      new Uint8Array(31).fill(1),
      new Uint8Array(33).fill(1),
    ]) {
      expect(await rejection(eciesDecrypt(secretKey, ciphertext))).toBeInstanceOf(InvalidArgumentError)
      expect(() => createEciesKeyPair(secretKey)).toThrow(InvalidArgumentError)
      const fixedEphemeral = eciesEncrypt(receiver.publicKey, new Uint8Array(1), {
        ephemeralSecretKey: secretKey,
      })
      expect(await rejection(fixedEphemeral)).toBeInstanceOf(InvalidArgumentError)
    }
  })

  it('rejects a test nonce of the wrong length', async () => {
    const error = await rejection(
      eciesEncrypt(receiver.publicKey, new Uint8Array(1), { nonce: new Uint8Array(12) }),
    )
    expect(error).toBeInstanceOf(InvalidArgumentError)
  })
})

describe('the decoder of outside input (property-based)', () => {
  it('answers arbitrary bytes with DecryptionError, never another error or a plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), async (bytes) => {
        expect(await rejection(eciesDecrypt(vector.receiverSecretKey, bytes))).toBeInstanceOf(DecryptionError)
      }),
      { numRuns: 200 },
    )
  })

  it('answers a valid point followed by arbitrary bytes with DecryptionError', async () => {
    const point = fromHex(vector.ciphertext).subarray(0, 65)
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 200 }), async (rest) => {
        const bytes = new Uint8Array(65 + rest.length)
        bytes.set(point)
        bytes.set(rest, 65)
        expect(await rejection(eciesDecrypt(vector.receiverSecretKey, bytes))).toBeInstanceOf(DecryptionError)
      }),
      { numRuns: 200 },
    )
  })

  it('answers arbitrary 33-byte strings as eciesjs does: valid points encrypt, others are rejected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(2, 3),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        async (prefix, x) => {
          const candidate = new Uint8Array([prefix, ...x])
          let theirs: boolean
          try {
            new PrivateKey(vector.ephemeralSecretKey).encapsulate(new PublicKey(candidate))
            theirs = true
          } catch {
            theirs = false
          }
          expect(isCompressedSecp256k1Point(candidate)).toBe(theirs)
          const error = await rejection(eciesEncrypt(candidate, new Uint8Array(1)))
          if (theirs) expect(error).toBeUndefined()
          else expect(error).toBeInstanceOf(InvalidArgumentError)
        },
      ),
      { numRuns: 100 },
    )
  })
})

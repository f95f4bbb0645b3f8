import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes, randomInt } from 'node:crypto'
import { getPublicKey, getSharedSecret, utils } from '@noble/secp256k1'
import { beforeAll, describe, expect, it } from 'vitest'
import { direction, frameType, headerLength } from './constants.js'
import { runWalletHandshakeCrypto } from './engine/handshakeCrypto.js'
import type { WalletHello } from './engine/walletHandshake.js'
import { decodeFrame, encodeFrame, encodeFrameHeader } from './frame.js'
import { transcriptHash } from './handshake.js'
import { deriveAuthKey } from './pairingKeys.js'
import { computeVerificationCode } from './verificationCode.js'
import { commitWalletNonce } from './walletCommitment.js'

// Issue 13 item 3: someone holding the pairing secret S (a leaked or overlaid QR) sits between dapp and wallet
// and writes the wallet's KEY after seeing its HELLO. With the version 1 code, H("dapplink/v1/sas" || th), it
// can try KEY after KEY (here: the 16-byte ECIES nonce) until the wallet's code equals the dapp's. The search
// is shown on codes truncated to 8 bits (256 values) so it stays fast; 6 digits only multiply the tries.

const channelId = new Uint8Array(16).fill(7)
const secret = new Uint8Array(32).fill(9)
const dappPublicKey = getPublicKey(utils.randomSecretKey(), true)
const toWallet = { channelId, direction: direction.dappToWallet }
const maxTries = 4_096 // P(no 8-bit match in 4,096 tries) = (255/256)^4096 ≈ 1e-7
const truncated = (code: string) => Number(code) % 256

let authKey: Uint8Array
beforeAll(async () => {
  authKey = await deriveAuthKey(secret, channelId)
})

/** The version 1 code, as the attacker computes it: everything it needs is in HELLO and its own KEY. */
function versionOneCode(hello: Uint8Array, key: Uint8Array): string {
  const th = createHash('sha256').update(hello).update(key).digest()
  const digest = createHash('sha256').update('dapplink/v1/sas').update(th).digest()
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0')
}

/**
 * The attacker's search, on node:crypto (its own code, not the code under test): one ECDH to the wallet's key
 * `Pw` from the HELLO, then one AES-GCM seal, one HMAC and two hashes per try, varying the ECIES nonce, until
 * the KEY's version 1 code hits `target`. Every KEY it writes is valid: MACed with Kauth, wrapping `Kd` to `Pw`.
 */
function grindKey(hello: Uint8Array, target: number): { key: Uint8Array; tries: number } | undefined {
  const walletPublicKey = hello.subarray(headerLength, headerLength + 33)
  const ephemeralSecretKey = utils.randomSecretKey()
  const ephemeralPublicKey = getPublicKey(ephemeralSecretKey, false)
  const shared = getSharedSecret(ephemeralSecretKey, walletPublicKey, false)
  const aesKey = Buffer.from(
    hkdfSync('sha256', Buffer.concat([ephemeralPublicKey, shared]), Buffer.alloc(32), Buffer.alloc(0), 32),
  )
  const dappKey = randomBytes(32)
  const header = encodeFrameHeader({
    type: frameType.key,
    direction: direction.dappToWallet,
    channelId,
    seq: 0,
    ack: 0,
  })
  const helloHash = createHash('sha256').update(hello).digest()
  for (let tries = 1; tries <= maxTries; tries++) {
    const nonce = Buffer.alloc(16)
    nonce.writeUInt32BE(tries, 12)
    const cipher = createCipheriv('aes-256-gcm', aesKey, nonce)
    const body = Buffer.concat([cipher.update(dappKey), cipher.final()])
    const wrapped = Buffer.concat([ephemeralPublicKey, nonce, cipher.getAuthTag(), body])
    const mac = createHmac('sha256', authKey)
      .update('dapplink/v1/key')
      .update(helloHash)
      .update(header)
      .update(wrapped)
      .digest()
    const key = encodeFrame(header, Buffer.concat([Buffer.from([0, wrapped.length]), wrapped, mac]))
    if (truncated(versionOneCode(hello, key)) === target) return { key, tries }
  }
  return undefined
}

/** A fresh wallet HELLO, built by the wallet's own handshake crypto. */
async function walletHello(): Promise<WalletHello> {
  const created = await runWalletHandshakeCrypto(
    { type: 'createHello' },
    { channelId, dappPublicKey, authKey },
    () => 0,
  )
  if (created.type !== 'helloCreated') throw new Error('expected a HELLO')
  return created.hello
}

/** The wallet opens `key` with its real crypto; returns the code it shows and its transcript hash. */
async function walletOpensKey(hello: WalletHello, key: Uint8Array) {
  const opened = await runWalletHandshakeCrypto(
    { type: 'openKey', frame: decodeFrame(key, toWallet), hello },
    { channelId, dappPublicKey, authKey },
    () => 0,
  )
  if (opened.type !== 'keyOpened') throw new Error('expected the KEY to open')
  return { code: opened.verificationCode, transcript: opened.keys.transcript }
}

describe('the verification code cannot be ground (commit-then-reveal)', () => {
  it('version 1: a search over KEY nonces made after seeing HELLO steers the wallet code to the dapp code', async () => {
    const hello = await walletHello()
    const target = randomInt(256) // the dapp's (truncated) code, which the attacker sees on its own side
    const found = grindKey(hello.frame, target)
    expect(found).toBeDefined()
    expect(found!.tries).toBeLessThanOrEqual(maxTries)
    // The wallet accepts the ground KEY, and the version 1 code over its transcript is the target.
    const { transcript } = await walletOpensKey(hello, found!.key)
    const digest = createHash('sha256').update('dapplink/v1/sas').update(transcript).digest()
    expect(truncated(String(digest.readUInt32BE(0) % 1_000_000))).toBe(target)
  })

  it('version 2: the same search hits the code the wallet shows at chance level only', async () => {
    const trials = 32
    let steered = 0
    for (let trial = 0; trial < trials; trial++) {
      const hello = await walletHello()
      const target = randomInt(256)
      const found = grindKey(hello.frame, target)
      expect(found).toBeDefined()
      const { code, transcript } = await walletOpensKey(hello, found!.key)
      if (truncated(code) === target) steered++
      // What the wallet shows is fixed by the transcript and by Nw, which its HELLO committed to before any
      // KEY existed and which the attacker learns only from the wallet's DNE, after its KEY.
      expect(transcript).toEqual(await transcriptHash(hello.frame, found!.key))
      expect(code).toBe(await computeVerificationCode(transcript, hello.walletNonce))
      const commitment = hello.frame.subarray(headerLength + 33, headerLength + 65)
      expect(commitment).toEqual(await commitWalletNonce(hello.walletNonce))
      expect(Buffer.from(hello.frame).indexOf(Buffer.from(hello.walletNonce))).toBe(-1)
    }
    // Version 1 would be steered in all 32 trials; chance gives 32/256 = 0.125 expected hits, and 4 or more
    // has probability ≈ 8e-6.
    expect(steered).toBeLessThanOrEqual(3)
  })
})

import { createHash, createHmac, hkdfSync } from 'node:crypto'
import { decrypt as eciesDecrypt } from 'eciesjs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { DapplinkError } from '../errors/base.js'
import { HandshakeAuthenticationError, HandshakeCommitmentError } from '../errors/relay.js'
import { direction, frameType, headerLength } from './constants.js'
import { decodeFrame } from './frame.js'
import {
  createDone,
  createEciesKeyPair,
  createHello,
  createKey,
  openDone,
  openHello,
  openKey,
  openWalletDone,
  transcriptHash,
} from './handshake.js'
import { deriveAuthKey, deriveWalletToken, hashToken } from './pairingKeys.js'
import { computeVerificationCode } from './verificationCode.js'
import { importAesKey } from './webCrypto.js'

const channelId = new Uint8Array(16).fill(7)
const secret = new Uint8Array(32).fill(9)
const dapp = createEciesKeyPair(new Uint8Array(32).fill(1))
const toDapp = { channelId, direction: direction.walletToDapp }
const toWallet = { channelId, direction: direction.dappToWallet }
const fixed = {
  walletSecretKey: new Uint8Array(32).fill(2),
  walletNonce: new Uint8Array(32).fill(3),
  walletKey: new Uint8Array(32).fill(4),
}

let authKey: Uint8Array
beforeAll(async () => {
  authKey = await deriveAuthKey(secret, channelId)
})

/** Runs the whole handshake; returns every frame and key. */
async function handshake() {
  const hello = await createHello({ channelId, dappPublicKey: dapp.publicKey, authKey, ...fixed })
  const opened = await openHello({
    frame: decodeFrame(hello.frame, toDapp),
    dappPublicKey: dapp.publicKey,
    dappSecretKey: dapp.secretKey,
    authKey,
  })
  const key = await createKey({
    channelId,
    hello: hello.frame,
    walletPublicKey: opened.walletPublicKey,
    authKey,
    dappKey: new Uint8Array(32).fill(5),
  })
  const walletSide = await openKey({
    frame: decodeFrame(key.frame, toWallet),
    hello: hello.frame,
    walletSecretKey: hello.walletSecretKey,
    authKey,
  })
  const th = await transcriptHash(hello.frame, key.frame)
  const dappDone = await createDone({
    channelId,
    direction: direction.dappToWallet,
    key: await importAesKey(key.dappKey),
    transcriptHash: th,
  })
  const walletDone = await createDone({
    channelId,
    direction: direction.walletToDapp,
    key: await importAesKey(hello.walletKey),
    transcriptHash: th,
    walletNonce: hello.walletNonce,
  })
  return { hello, opened, key, walletSide, th, dappDone, walletDone }
}

describe('pairing keys (known answers against node:crypto)', () => {
  it('derives Kauth and Tw with HKDF-SHA256 and hashes tokens with SHA-256', async () => {
    const expected = (info: string) => new Uint8Array(hkdfSync('sha256', secret, channelId, info, 32))
    expect(authKey).toEqual(expected('dapplink/v1/auth'))
    const walletToken = await deriveWalletToken(secret, channelId)
    expect(walletToken).toEqual(expected('dapplink/v1/wallet-token'))
    expect(walletToken).not.toEqual(authKey)
    expect(await hashToken(walletToken)).toBe(createHash('sha256').update(walletToken).digest('base64url'))
  })
})

describe('handshake', () => {
  it('HELLO has the section 4.1 layout and a MAC over label, header, Pd, Pw, Cw and the wrapped key', async () => {
    const { hello } = await handshake()
    const body = hello.frame.subarray(headerLength)
    expect(hello.frame[0]).toBe(2)
    expect(body).toHaveLength(228)
    expect(body.subarray(0, 33)).toEqual(createEciesKeyPair(fixed.walletSecretKey).publicKey)
    // The commitment Cw = H("dapplink/v2/commitment" || Nw), never Nw itself.
    const commitment = createHash('sha256')
      .update('dapplink/v2/commitment')
      .update(fixed.walletNonce)
      .digest()
    expect(body.subarray(33, 65)).toEqual(new Uint8Array(commitment))
    expect(Buffer.from(hello.frame).indexOf(Buffer.from(fixed.walletNonce))).toBe(-1)
    expect([body[65], body[66]]).toEqual([0, 129])
    const wrapped = body.subarray(67, 196)
    expect(eciesDecrypt(dapp.secretKey, wrapped)).toEqual(fixed.walletKey)
    const mac = createHmac('sha256', authKey)
      .update('dapplink/v2/hello')
      .update(hello.frame.subarray(0, headerLength))
      .update(dapp.publicKey)
      .update(body.subarray(0, 65))
      .update(wrapped)
      .digest()
    expect(body.subarray(196)).toEqual(new Uint8Array(mac))
  })

  it('completes: both sides get both keys, both DNEs open, the reveal matches, codes match the known formula', async () => {
    const { opened, walletSide, th, dappDone, walletDone, hello, key } = await handshake()
    expect(opened.walletKey).toEqual(fixed.walletKey)
    expect(walletSide.dappKey).toEqual(new Uint8Array(32).fill(5))
    expect(th).toEqual(new Uint8Array(createHash('sha256').update(hello.frame).update(key.frame).digest()))
    await openDone({
      frame: decodeFrame(dappDone, toWallet),
      key: await importAesKey(walletSide.dappKey),
      transcriptHash: th,
    })
    const revealed = await openWalletDone({
      frame: decodeFrame(walletDone, toDapp),
      key: await importAesKey(opened.walletKey),
      transcriptHash: th,
      walletCommitment: opened.walletCommitment,
    })
    expect(revealed.walletNonce).toEqual(fixed.walletNonce)
    expect(decodeFrame(walletDone, toDapp).body).toHaveLength(12 + 64 + 16)
    const digest = createHash('sha256')
      .update('dapplink/v2/sas')
      .update(th)
      .update(fixed.walletNonce)
      .digest()
    expect(await computeVerificationCode(th, revealed.walletNonce)).toBe(
      String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0'),
    )
  })

  it("refuses a wallet DNE whose reveal does not match the HELLO's commitment (HandshakeCommitmentError)", async () => {
    const { opened, th } = await handshake()
    const walletKey = await importAesKey(opened.walletKey)
    const otherNonce = fixed.walletNonce.slice()
    otherNonce[31]! ^= 1
    // Sealed with the right key and transcript: only the reveal is wrong.
    const lying = await createDone({
      channelId,
      direction: direction.walletToDapp,
      key: walletKey,
      transcriptHash: th,
      walletNonce: otherNonce,
    })
    const refused = openWalletDone({
      frame: decodeFrame(lying, toDapp),
      key: walletKey,
      transcriptHash: th,
      walletCommitment: opened.walletCommitment,
    })
    await expect(refused).rejects.toThrow(HandshakeCommitmentError)
    await expect(refused).rejects.toMatchObject({
      reason: 'handshake-failed',
      shortMessage: expect.stringMatching(/does not match the commitment/),
    })
    // The right reveal under another transcript is a frame that does not confirm this handshake (dropped).
    const otherTh = th.slice()
    otherTh[0]! ^= 1
    const stale = await createDone({
      channelId,
      direction: direction.walletToDapp,
      key: walletKey,
      transcriptHash: otherTh,
      walletNonce: fixed.walletNonce,
    })
    const dropped = openWalletDone({
      frame: decodeFrame(stale, toDapp),
      key: walletKey,
      transcriptHash: th,
      walletCommitment: opened.walletCommitment,
    })
    await expect(dropped).rejects.toThrow(HandshakeAuthenticationError)
    await expect(dropped).rejects.not.toThrow(HandshakeCommitmentError)
  })

  it('refuses to commit to a wallet nonce that is not 32 bytes', async () => {
    await expect(
      createHello({ channelId, dappPublicKey: dapp.publicKey, authKey, walletNonce: new Uint8Array(31) }),
    ).rejects.toThrow(/31 bytes; it must be 32/)
  })

  it('rejects a HELLO made without the pairing secret (a party that knows only the channel id)', async () => {
    const hello = await createHello({ channelId, dappPublicKey: dapp.publicKey, authKey: new Uint8Array(32) })
    await expect(
      openHello({
        frame: decodeFrame(hello.frame, toDapp),
        dappPublicKey: dapp.publicKey,
        dappSecretKey: dapp.secretKey,
        authKey,
      }),
    ).rejects.toThrow(HandshakeAuthenticationError)
  })

  it('rejects a HELLO whose wallet key was substituted', async () => {
    const { hello } = await handshake()
    const forged = hello.frame.slice()
    forged.set(createEciesKeyPair().publicKey, headerLength)
    await expect(
      openHello({
        frame: decodeFrame(forged, toDapp),
        dappPublicKey: dapp.publicKey,
        dappSecretKey: dapp.secretKey,
        authKey,
      }),
    ).rejects.toThrow(/not authenticated/)
  })

  it('rejects a KEY bound to another HELLO, and a DNE with another transcript', async () => {
    const { hello, key, th, dappDone, walletSide } = await handshake()
    const otherHello = await createHello({ channelId, dappPublicKey: dapp.publicKey, authKey })
    await expect(
      openKey({
        frame: decodeFrame(key.frame, toWallet),
        hello: otherHello.frame,
        walletSecretKey: hello.walletSecretKey,
        authKey,
      }),
    ).rejects.toThrow(HandshakeAuthenticationError)
    const otherTh = th.slice()
    otherTh[0]! ^= 1
    await expect(
      openDone({
        frame: decodeFrame(dappDone, toWallet),
        key: await importAesKey(walletSide.dappKey),
        transcriptHash: otherTh,
      }),
    ).rejects.toThrow(HandshakeAuthenticationError)
  })

  it('property: any bit flipped in HELLO, KEY or either DNE is rejected with a typed error, never accepted', async () => {
    const { hello, key, th, dappDone, walletDone, walletSide, opened } = await handshake()
    const dappKey = await importAesKey(walletSide.dappKey)
    const walletKey = await importAesKey(opened.walletKey)
    const open = async (which: number, bytes: Uint8Array) => {
      if (which === 0) {
        const frame = decodeFrame(bytes, toDapp)
        return openHello({ frame, dappPublicKey: dapp.publicKey, dappSecretKey: dapp.secretKey, authKey })
      }
      if (which === 1)
        return openKey({
          frame: decodeFrame(bytes, toWallet),
          hello: hello.frame,
          walletSecretKey: hello.walletSecretKey,
          authKey,
        })
      if (which === 2)
        return openDone({ frame: decodeFrame(bytes, toWallet), key: dappKey, transcriptHash: th })
      return openWalletDone({
        frame: decodeFrame(bytes, toDapp),
        key: walletKey,
        transcriptHash: th,
        walletCommitment: opened.walletCommitment,
      })
    }
    const frames = [hello.frame, key.frame, dappDone, walletDone]
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        async (which, position, bit) => {
          const bytes = frames[which]!.slice()
          bytes[position % bytes.length]! ^= 1 << bit
          let accepted = false
          try {
            await open(which, bytes)
            accepted = true
          } catch (error) {
            expect(error).toBeInstanceOf(DapplinkError)
          }
          expect(accepted).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('property: random bodies behind a valid handshake header are rejected with a typed error', async () => {
    const { hello } = await handshake()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(frameType.hello, frameType.key, frameType.done),
        fc.uint8Array({ minLength: 60, maxLength: 228 }),
        async (type, body) => {
          const header = hello.frame.slice(0, headerLength)
          header[1] = type
          header[2] = type === frameType.hello ? 1 : 0
          const bytes = new Uint8Array([...header, ...body])
          const expected = type === frameType.hello ? toDapp : toWallet
          let accepted = false
          try {
            const frame = decodeFrame(bytes, expected)
            if (type === frameType.hello)
              await openHello({
                frame,
                dappPublicKey: dapp.publicKey,
                dappSecretKey: dapp.secretKey,
                authKey,
              })
            else if (type === frameType.key)
              await openKey({ frame, hello: hello.frame, walletSecretKey: hello.walletSecretKey, authKey })
            else
              await openDone({
                frame,
                key: await importAesKey(new Uint8Array(32)),
                transcriptHash: new Uint8Array(32),
              })
            accepted = true
          } catch (error) {
            expect(error).toBeInstanceOf(DapplinkError)
          }
          expect(accepted).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })
})

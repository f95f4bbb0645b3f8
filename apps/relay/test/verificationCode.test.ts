import { randomBytes } from 'node:crypto'
import {
  buildPairingUri,
  computeVerificationCode,
  createDone,
  createEciesKeyPair,
  createHello,
  createKey,
  createRelaySession,
  type DapplinkError,
  decodeFrame,
  deriveAuthKey,
  deriveWalletToken,
  direction,
  encodeBase64Url,
  frameType,
  HandshakeCommitmentError,
  hashToken,
  openHello,
  openKey,
  openWalletDone,
  parsePairingUri,
  type RelaySession,
  transcriptHash,
} from '@dapplink/core/relay'
import { pairWithDapp, type WalletRelaySession } from '@dapplink/wallet/relay'
import { io, type Socket } from 'socket.io-client'
import { describe, expect, it } from 'vitest'
import { boundChannelId } from '../src/protocol/channelBinding.js'
import { createAccount, fastTiming, pairSessions, until, useRelayProcess } from './sessionHarness.js'

// Issue 13 item 3 against the real relay process: someone who holds the pairing secret of the dapp's QR code
// and has the wallet scan its own QR code instead (an overlaid QR) sits in the middle: wallet towards the
// dapp on the dapp's channel, dapp towards the wallet on a channel of its own. Version 2 of the handshake
// gives it two different codes and no way to change either once it knows the other.

const fixture = useRelayProcess()
const { cleanups } = fixture

/** A raw socket.io client of the relay; `frames` collects the handshake frames it receives, in order. */
async function rawClient(): Promise<{ socket: Socket; frames: Uint8Array[] }> {
  const socket = io(fixture.relay.url, { transports: ['websocket'], forceNew: true, reconnection: false })
  cleanups.push(() => socket.disconnect())
  const frames: Uint8Array[] = []
  socket.on('frame', (payload: { frame: Uint8Array }) => frames.push(new Uint8Array(payload.frame)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('raw socket did not connect')), 5_000)
    socket.once('connect', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  return { socket, frames }
}

async function emit(socket: Socket, event: string, payload: unknown): Promise<void> {
  const answer = (await socket.timeout(3_000).emitWithAck(event, payload)) as { ok: boolean }
  expect(answer).toMatchObject({ ok: true })
}

/** An AES-256-GCM key for the DNE frames (seal or open). */
const aesKey = (raw: Uint8Array) =>
  crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt', 'decrypt'])

const firstOfType = async (frames: Uint8Array[], type: number, what: string) => {
  await until(() => frames.some((frame) => frame[1] === type), 5_000, what)
  return frames.find((frame) => frame[1] === type)!
}

/**
 * The man in the middle, wallet side: joins the dapp's channel with the wallet token derived from the
 * pairing secret, sends its own HELLO and waits for the dapp's KEY (its DNE is for the caller to send).
 */
async function middleAsWallet(dapp: RelaySession) {
  const { channelId, dappPublicKey, secret } = parsePairingUri(dapp.pairingUri)
  const channel = encodeBase64Url(channelId)
  const authKey = await deriveAuthKey(secret, channelId)
  const { socket, frames } = await rawClient()
  const token = encodeBase64Url(await deriveWalletToken(secret, channelId))
  // The dapp creates its channel as it starts; a join before that is refused `unknown_channel`.
  const join = { v: 1, channel, role: 'wallet', token }
  let joined = false
  for (let attempt = 0; attempt < 100 && !joined; attempt++) {
    const answer = (await socket.timeout(3_000).emitWithAck('join', join)) as { ok: boolean }
    joined = answer.ok
    if (!joined) await new Promise((resolve) => setTimeout(resolve, 20))
  }
  expect(joined).toBe(true)
  const hello = await createHello({ channelId, dappPublicKey, authKey })
  await emit(socket, 'send', { channel, frame: hello.frame })
  const key = await firstOfType(frames, frameType.key, "the dapp's KEY")
  await openKey({
    frame: decodeFrame(key, { channelId, direction: direction.dappToWallet }),
    hello: hello.frame,
    walletSecretKey: hello.walletSecretKey,
    authKey,
  })
  const transcript = await transcriptHash(hello.frame, key)
  /** Seals this side's DNE, revealing `walletNonce` (the committed one, unless the attacker lies). */
  const sendDone = async (walletNonce: Uint8Array) => {
    const done = await createDone({
      channelId,
      direction: direction.walletToDapp,
      key: await aesKey(hello.walletKey),
      transcriptHash: transcript,
      walletNonce,
    })
    await emit(socket, 'send', { channel, frame: done })
  }
  return { hello, transcript, sendDone }
}

/**
 * The man in the middle, dapp side: its own channel and QR code, which the honest wallet scans. It answers
 * the wallet's HELLO with a KEY of its choice and reads the wallet's reveal from the wallet's DNE.
 */
async function middleAsDapp() {
  const dappToken = randomBytes(32)
  const dappTokenHash = await hashToken(dappToken)
  const channel = boundChannelId(dappTokenHash)
  const channelId = new Uint8Array(Buffer.from(channel, 'base64url'))
  const secret = new Uint8Array(randomBytes(32))
  const keys = createEciesKeyPair()
  const authKey = await deriveAuthKey(secret, channelId)
  const walletTokenHash = await hashToken(await deriveWalletToken(secret, channelId))
  const { socket, frames } = await rawClient()
  await emit(socket, 'create', { v: 1, channel, dappTokenHash, walletTokenHash })
  await emit(socket, 'join', { v: 1, channel, role: 'dapp', token: encodeBase64Url(dappToken) })
  const pairingUri = buildPairingUri({
    relayUrl: fixture.relay.url,
    channelId,
    dappPublicKey: keys.publicKey,
    secret,
  })
  const toDapp = { channelId, direction: direction.walletToDapp }

  /** Answers the wallet's HELLO with a KEY and this side's DNE; returns what the DNE reveal needs. */
  async function answerHello() {
    const hello = await firstOfType(frames, frameType.hello, "the wallet's HELLO")
    const opened = await openHello({
      frame: decodeFrame(hello, toDapp),
      dappPublicKey: keys.publicKey,
      dappSecretKey: keys.secretKey,
      authKey,
    })
    const sendKey = async () => {
      const created = await createKey({ channelId, hello, walletPublicKey: opened.walletPublicKey, authKey })
      await emit(socket, 'send', { channel, frame: created.frame })
      return created
    }
    const key = await sendKey()
    const transcript = await transcriptHash(hello, key.frame)
    const dappKey = await aesKey(key.dappKey)
    await emit(socket, 'send', {
      channel,
      frame: await createDone({
        channelId,
        direction: direction.dappToWallet,
        key: dappKey,
        transcriptHash: transcript,
      }),
    })
    // The wallet's DNE reveals Nw only now that the KEY is fixed.
    const walletDone = await firstOfType(frames, frameType.done, "the wallet's DNE")
    const walletKey = await aesKey(opened.walletKey)
    const { walletNonce } = await openWalletDone({
      frame: decodeFrame(walletDone, toDapp),
      key: walletKey,
      transcriptHash: transcript,
      walletCommitment: opened.walletCommitment,
    })
    return { transcript, walletNonce, sendKey }
  }
  return { pairingUri, answerHello }
}

function startDapp(errors: DapplinkError[]): RelaySession {
  const dapp = createRelaySession({
    relayUrl: fixture.relay.url,
    app: { name: 'Honest dapp', url: 'https://dapp.example' },
    onError: (error) => errors.push(error),
    ...fastTiming,
  })
  cleanups.push(() => dapp.disconnect())
  return dapp
}

async function startWallet(pairingUri: string, errors: DapplinkError[]): Promise<WalletRelaySession> {
  const wallet = await pairWithDapp({
    pairingUri,
    account: createAccount(),
    onRequest: () => true,
    onError: (error) => errors.push(error),
    ...fastTiming,
  })
  cleanups.push(() => wallet.close())
  return wallet
}

describe('verification code against a man in the middle holding the pairing secret (real relay)', () => {
  it('the honest session pairs with equal codes on both sides', async () => {
    const pair = await pairSessions(fixture.relay.url)
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    expect(pair.wallet.verificationCode).toMatch(/^\d{6}$/)
    expect(pair.dapp.getState().verificationCode).toBe(pair.wallet.verificationCode)
  })

  it('relaying both handshakes gives it two different codes, and the wallet refuses a second KEY after its reveal', async () => {
    const dappErrors: DapplinkError[] = []
    const walletErrors: DapplinkError[] = []
    const dapp = startDapp(dappErrors)
    const towardsDapp = await middleAsWallet(dapp)
    const towardsWallet = await middleAsDapp()
    const walletPairing = startWallet(towardsWallet.pairingUri, walletErrors)
    const { transcript, walletNonce, sendKey } = await towardsWallet.answerHello()
    const wallet = await walletPairing
    // The attacker learns the wallet's code only from the reveal, after its KEY went out.
    expect(wallet.verificationCode).toBe(await computeVerificationCode(transcript, walletNonce))
    // It cannot take the KEY back: a different KEY now is refused and the wallet's code stays.
    await sendKey()
    await until(() => walletErrors.length > 0, 5_000, 'the refusal of the second KEY')
    expect(walletErrors.map((error) => error.name)).toContain('UnexpectedFrameError')
    expect(wallet.getState().verificationCode).toBe(wallet.verificationCode)
    // Towards the dapp it reveals what its HELLO committed to; the dapp then shows its own code.
    await towardsDapp.sendDone(towardsDapp.hello.walletNonce)
    await until(() => dapp.getState().status === 'connected', 5_000, 'the dapp connected')
    const dappCode = dapp.getState().verificationCode
    expect(dappCode).toBe(
      await computeVerificationCode(towardsDapp.transcript, towardsDapp.hello.walletNonce),
    )
    expect(dappCode).toMatch(/^\d{6}$/)
    // Two independent codes: equal with probability 10^-6 per attempt, and each attempt is a new pairing.
    expect(dappCode).not.toBe(wallet.verificationCode)
  })

  it('changing its reveal to the dapp after seeing the wallet code ends the dapp handshake at once', async () => {
    const dappErrors: DapplinkError[] = []
    const dapp = startDapp(dappErrors)
    const connecting = dapp.connect().then(
      () => 'connected',
      (error: unknown) => error,
    )
    const towardsDapp = await middleAsWallet(dapp)
    const towardsWallet = await middleAsDapp()
    const walletPairing = startWallet(towardsWallet.pairingUri, [])
    await towardsWallet.answerHello()
    await walletPairing
    // Whatever nonce it would pick to make the dapp's code match, it is not the one its HELLO committed to.
    const forged = towardsDapp.hello.walletNonce.slice()
    forged[0]! ^= 0xff
    const sentAt = Date.now()
    await towardsDapp.sendDone(forged)
    const outcome = await connecting
    expect(outcome).toBeInstanceOf(HandshakeCommitmentError)
    expect(Date.now() - sentAt).toBeLessThan(fastTiming.handshakeTimeoutMs)
    expect(dapp.getState()).toMatchObject({
      status: 'cleared',
      reason: 'handshake-failed',
      verificationCode: undefined,
    })
  })
})

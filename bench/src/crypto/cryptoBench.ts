import { webcrypto } from 'node:crypto'
import {
  buildRequestUrl,
  decodeBase58,
  encodeBase58,
  openPayload,
  openRequestResponse,
  parseRedirectUrl,
  phantom,
  sealJsonPayload,
  withRequestId,
} from '@dapplink/core'
import {
  createSecureChannel,
  decodeFrame,
  direction,
  encodeFrameHeader,
  frameType,
} from '@dapplink/core/relay'
import bs58 from 'bs58'
import naclFast from 'tweetnacl'
// The raw primitive is the tweetnacl build core itself uses (nacl.min.js), so each ratio shows our envelope
// alone; the last deeplink row shows what that build costs against nacl-fast (the package's main).
import nacl from 'tweetnacl/nacl.min.js'
import { type CaseTiming, compareInterleaved } from '../stats/compareInterleaved.js'

/** One comparison: our envelope against the raw primitive, on the same plaintext, timed in the same rounds. */
export type CryptoComparison = {
  label: string
  plaintextBytes: number
  ours: CaseTiming
  raw: CaseTiming
  /** ours / raw time per operation: what the envelope costs on top of the primitive. */
  ratio: number
}

const subtle = webcrypto.subtle as SubtleCrypto
const utf8 = new TextEncoder()

function compare(label: string, plaintextBytes: number, [ours, raw]: CaseTiming[]): CryptoComparison {
  return { label, plaintextBytes, ours: ours!, raw: raw!, ratio: ours!.nsPerOp / raw!.nsPerOp }
}

/** A signMessage request as the relay carries it (JSON-RPC inside DATA, docs/protocol.md section 6). */
function relayRequestJson(messageBytes: number): Uint8Array {
  const message = Buffer.from(nacl.randomBytes(messageBytes)).toString('base64')
  return utf8.encode(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'signMessage', params: { message } }))
}

async function deeplinkComparisons(messageBytes: number): Promise<CryptoComparison[]> {
  const dapp = nacl.box.keyPair()
  const wallet = nacl.box.keyPair()
  const sharedSecret = nacl.box.before(wallet.publicKey, dapp.secretKey)
  const message = nacl.randomBytes(messageBytes)
  const session = bs58.encode(nacl.randomBytes(64))
  const redirectLink = withRequestId('https://dapp.example/wallet-return', 'AAAAAAAAAAAAAAAAAAAAAA')
  // The plaintext our seal builds (the same JSON the raw primitive gets), for an equal comparison.
  const plaintext = utf8.encode(JSON.stringify({ message: bs58.encode(message), session, display: 'utf8' }))
  const nonce = nacl.randomBytes(24)
  const request = { method: 'signMessage' as const, message, display: 'utf8' as const }

  // The wallet's answer, as a redirect URL the dapp opens: data = bs58(box({ signature })).
  const answerNonce = nacl.randomBytes(24)
  const answerPlain = utf8.encode(JSON.stringify({ signature: bs58.encode(nacl.randomBytes(64)) }))
  const answerBox = nacl.box.after(answerPlain, answerNonce, sharedSecret)
  const answerData = bs58.encode(answerBox)
  const answerNonceText = bs58.encode(answerNonce)
  const answerUrl = `${redirectLink}&nonce=${answerNonceText}&data=${answerData}`
  const sealedPayload = sealJsonPayload(
    { message: bs58.encode(message), session, display: 'utf8' },
    sharedSecret,
  )

  const buildUrl = () =>
    buildRequestUrl({
      profile: phantom,
      request,
      session,
      sharedSecret,
      dappEncryptionPublicKey: dapp.publicKey,
      redirectLink,
    })
  const seal = await compareInterleaved([
    { name: 'buildRequestUrl (JSON, box, base58, URL)', run: buildUrl },
    { name: 'nacl.box.after', run: () => nacl.box.after(plaintext, nonce, sharedSecret) },
  ])
  // The wire format itself (Phantom's): base58 of the box, the nonce and the dapp key. Quadratic base58
  // dominates; this pair shows how much of the seal cost is the format rather than our code.
  const sealWire = await compareInterleaved([
    { name: 'buildRequestUrl', run: buildUrl },
    {
      name: 'nacl.box.after + bs58.encode of box, nonce and key',
      run: () => [
        bs58.encode(nacl.box.after(plaintext, nonce, sharedSecret)),
        bs58.encode(nonce),
        bs58.encode(dapp.publicKey),
      ],
    },
  ])
  const openWire = await compareInterleaved([
    {
      name: 'parseRedirectUrl + openRequestResponse',
      run: () =>
        openRequestResponse({ redirect: parseRedirectUrl(answerUrl)!, method: 'signMessage', sharedSecret }),
    },
    {
      name: 'bs58.decode of data and nonce + nacl.box.open.after',
      run: () => nacl.box.open.after(bs58.decode(answerData), bs58.decode(answerNonceText), sharedSecret),
    },
  ])
  const sealPayloadOnly = await compareInterleaved([
    {
      name: 'sealJsonPayload (JSON, box)',
      run: () => sealJsonPayload({ message: 'x', session }, sharedSecret),
    },
    {
      name: 'nacl.box.after',
      run: () => nacl.box.after(utf8.encode(JSON.stringify({ message: 'x', session })), nonce, sharedSecret),
    },
  ])
  const open = await compareInterleaved([
    {
      name: 'parseRedirectUrl + openRequestResponse (URL, base58, box.open, JSON, checks)',
      run: () =>
        openRequestResponse({ redirect: parseRedirectUrl(answerUrl)!, method: 'signMessage', sharedSecret }),
    },
    { name: 'nacl.box.open.after', run: () => nacl.box.open.after(answerBox, answerNonce, sharedSecret) },
  ])
  const openPayloadOnly = await compareInterleaved([
    {
      name: 'openPayload',
      run: () => openPayload(sealedPayload.ciphertext, sealedPayload.nonce, sharedSecret),
    },
    {
      name: 'nacl.box.open.after',
      run: () => nacl.box.open.after(sealedPayload.ciphertext, sealedPayload.nonce, sharedSecret),
    },
  ])
  const naclBuild = await compareInterleaved([
    {
      name: 'nacl.box.open.after, tweetnacl/nacl.min.js (what core uses)',
      run: () => nacl.box.open.after(sealedPayload.ciphertext, sealedPayload.nonce, sharedSecret),
    },
    {
      name: 'nacl.box.open.after, tweetnacl (nacl-fast)',
      run: () => naclFast.box.open.after(sealedPayload.ciphertext, sealedPayload.nonce, sharedSecret),
    },
  ])
  return [
    compare(`deeplink request seal: signMessage of ${messageBytes} B to a URL`, plaintext.length, seal),
    compare('deeplink request seal vs the wire format alone (box + base58)', plaintext.length, sealWire),
    compare(
      'deeplink payload seal only (sealJsonPayload)',
      utf8.encode(JSON.stringify({ message: 'x', session })).length,
      sealPayloadOnly,
    ),
    compare('deeplink answer open: signMessage answer URL to a signature', answerPlain.length, open),
    compare(
      'deeplink answer open vs the wire format alone (base58 + box.open)',
      answerPlain.length,
      openWire,
    ),
    compare(
      'deeplink payload open only (openPayload)',
      sealedPayload.ciphertext.length - 16,
      openPayloadOnly,
    ),
    compare(
      'tweetnacl build: box.open.after in nacl.min.js vs nacl-fast',
      sealedPayload.ciphertext.length - 16,
      naclBuild,
    ),
  ]
}

async function importKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ])
}

async function relayComparison(messageBytes: number): Promise<CryptoComparison> {
  const channelId = nacl.randomBytes(16)
  const dappToWallet = await importKey(nacl.randomBytes(32))
  const walletToDapp = await importKey(nacl.randomBytes(32))
  const sender = createSecureChannel({
    channelId,
    direction: direction.dappToWallet,
    sendKey: dappToWallet,
    receiveKey: walletToDapp,
  })
  const receiver = createSecureChannel({
    channelId,
    direction: direction.walletToDapp,
    sendKey: walletToDapp,
    receiveKey: dappToWallet,
  })
  const plaintext = relayRequestJson(messageBytes) as Uint8Array<ArrayBuffer>
  const header = encodeFrameHeader({
    type: frameType.data,
    direction: direction.dappToWallet,
    channelId,
    seq: 1,
    ack: 0,
  }) as Uint8Array<ArrayBuffer>
  let sinceAck = 0
  const timings = await compareInterleaved([
    {
      name: 'secureChannel seal + decodeFrame + open (DATA, header as AAD, seq and replay checks)',
      async run() {
        const { frame } = await sender.seal(plaintext)
        await receiver.open(decodeFrame(frame, { channelId, direction: direction.dappToWallet }))
        // The receiver acknowledges as the protocol does, so the sender's unacked buffer stays bounded.
        if (++sinceAck === 64) {
          sinceAck = 0
          const ack = await receiver.sealAck()
          await sender.open(decodeFrame(ack, { channelId, direction: direction.walletToDapp }))
        }
      },
    },
    {
      name: 'WebCrypto AES-256-GCM encrypt + decrypt (random IV, 28-byte AAD)',
      async run() {
        const iv = webcrypto.getRandomValues(new Uint8Array(12))
        const sealed = await subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: header },
          dappToWallet,
          plaintext,
        )
        await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: header }, dappToWallet, sealed)
      },
    },
  ])
  return compare(
    `relay DATA frame seal + open: signMessage request of ${messageBytes} B`,
    plaintext.length,
    timings,
  )
}

/**
 * A signAllTransactions of `count` full-size transactions (1,232 B, the legacy maximum): the request URL the
 * dapp builds and the answer it opens, against the box alone on the same plaintext. base58 is quadratic in
 * the payload's length, so this shows what large payloads cost the dapp's main thread.
 */
async function largePayloadComparisons(count: number): Promise<CryptoComparison[]> {
  const dapp = nacl.box.keyPair()
  const wallet = nacl.box.keyPair()
  const sharedSecret = nacl.box.before(wallet.publicKey, dapp.secretKey)
  const transactions = Array.from({ length: count }, () => nacl.randomBytes(1232))
  const session = bs58.encode(nacl.randomBytes(64))
  const redirectLink = withRequestId('https://dapp.example/wallet-return', 'AAAAAAAAAAAAAAAAAAAAAA')
  const requestPlain = utf8.encode(JSON.stringify({ transactions: transactions.map(bs58.encode), session }))
  const nonce = nacl.randomBytes(24)
  const answerPlain = utf8.encode(JSON.stringify({ transactions: transactions.map(bs58.encode) }))
  const answerNonce = nacl.randomBytes(24)
  const answerBox = nacl.box.after(answerPlain, answerNonce, sharedSecret)
  const answerUrl = `${redirectLink}&nonce=${bs58.encode(answerNonce)}&data=${bs58.encode(answerBox)}`
  const options = { rounds: 5, roundMs: 200, warmupMs: 50 }
  const seal = await compareInterleaved(
    [
      {
        name: 'buildRequestUrl',
        run: () =>
          buildRequestUrl({
            profile: phantom,
            request: { method: 'signAllTransactions', transactions },
            session,
            sharedSecret,
            dappEncryptionPublicKey: dapp.publicKey,
            redirectLink,
          }),
      },
      { name: 'nacl.box.after', run: () => nacl.box.after(requestPlain, nonce, sharedSecret) },
    ],
    options,
  )
  const open = await compareInterleaved(
    [
      {
        name: 'parseRedirectUrl + openRequestResponse',
        run: () =>
          openRequestResponse({
            redirect: parseRedirectUrl(answerUrl)!,
            method: 'signAllTransactions',
            sharedSecret,
            transactionCount: count,
          }),
      },
      { name: 'nacl.box.open.after', run: () => nacl.box.open.after(answerBox, answerNonce, sharedSecret) },
    ],
    options,
  )
  return [
    compare(`deeplink request seal: signAllTransactions of ${count} × 1,232 B`, requestPlain.length, seal),
    compare(
      `deeplink answer open: signAllTransactions of ${count} × 1,232 B (${answerUrl.length} chars)`,
      answerPlain.length,
      open,
    ),
  ]
}

/** core's base58 against bs58 (what the wallets use) on the same bytes: the codec behind every deeplink. */
async function base58Comparisons(byteLength: number): Promise<CryptoComparison[]> {
  const bytes = nacl.randomBytes(byteLength)
  const text = bs58.encode(bytes)
  const options = { rounds: 5, roundMs: 200, warmupMs: 50 }
  const encode = await compareInterleaved(
    [
      { name: 'encodeBase58', run: () => encodeBase58(bytes) },
      { name: 'bs58.encode', run: () => bs58.encode(bytes) },
    ],
    options,
  )
  const decode = await compareInterleaved(
    [
      { name: 'decodeBase58', run: () => decodeBase58(text) },
      { name: 'bs58.decode', run: () => bs58.decode(text) },
    ],
    options,
  )
  return [
    compare(`base58 encode of ${byteLength} B`, byteLength, encode),
    compare(`base58 decode of ${text.length} chars`, byteLength, decode),
  ]
}

/** Our deeplink and relay envelopes against tweetnacl and WebCrypto AES-GCM, in interleaved rounds. */
export async function runCryptoBench(): Promise<CryptoComparison[]> {
  const large: CryptoComparison[] = []
  for (const count of [1, 4, 10]) large.push(...(await largePayloadComparisons(count)))
  for (const byteLength of [64, 1232, 16_978]) large.push(...(await base58Comparisons(byteLength)))
  return [
    ...(await deeplinkComparisons(32)),
    ...large,
    await relayComparison(32),
    await relayComparison(1232),
  ]
}

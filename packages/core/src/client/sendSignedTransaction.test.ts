import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openPayload } from '../crypto/openPayload.js'
import { deriveSharedSecret } from '../crypto/sharedSecret.js'
import { createMemoryStorage } from '../deeplink/deeplinkStorage.js'
import { phantom } from '../deeplink/walletProfiles.js'
import type { WalletResponse } from '../deeplink/walletResponse.js'
import { TransactionSendError } from '../errors/client.js'
import { createWalletClient } from './createWalletClient.js'
import { createRpcSender } from './sendSignedTransaction.js'

type RpcCall = { method: string; params: unknown[] }

/** A JSON-RPC node on 127.0.0.1 that answers from `answer`, over real HTTP. */
async function startRpcNode(answer: (call: RpcCall) => unknown) {
  const calls: RpcCall[] = []
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      const call = JSON.parse(body) as RpcCall
      calls.push(call)
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ jsonrpc: '2.0', id: 1, ...(answer(call) as object) }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  servers.push(server)
  return { url: `http://127.0.0.1:${port}`, calls }
}

const servers: Server[] = []
afterEach(async () => {
  vi.unstubAllGlobals()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

const sentSignature = bs58.encode(new Uint8Array(64).fill(5))

describe('createRpcSender', () => {
  it('sends base64 wire bytes with the send options and polls until confirmed', async () => {
    let polls = 0
    const node = await startRpcNode((call) =>
      call.method === 'sendTransaction'
        ? { result: sentSignature }
        : { result: { value: [++polls < 3 ? null : { err: null, confirmationStatus: 'confirmed' }] } },
    )
    const slept: number[] = []
    const send = createRpcSender({ rpcUrl: node.url, sleep: async (ms) => void slept.push(ms) })
    await expect(send(new Uint8Array([1, 2, 3]), { skipPreflight: true })).resolves.toBe(sentSignature)
    expect(node.calls[0]).toMatchObject({
      method: 'sendTransaction',
      params: ['AQID', { encoding: 'base64', skipPreflight: true }],
    })
    expect(slept).toEqual([500, 500])
  })

  it('gives typed errors for a refused send, a failed transaction and a confirmation timeout', async () => {
    const refused = await startRpcNode(() => ({ error: { message: 'Blockhash not found' } }))
    await expect(createRpcSender({ rpcUrl: refused.url })(new Uint8Array([1]), undefined)).rejects.toThrow(
      TransactionSendError,
    )
    const failed = await startRpcNode((call) =>
      call.method === 'sendTransaction'
        ? { result: sentSignature }
        : { result: { value: [{ err: { InstructionError: [0, 'Custom'] } }] } },
    )
    await expect(createRpcSender({ rpcUrl: failed.url })(new Uint8Array([1]), undefined)).rejects.toThrow(
      /failed on the cluster/,
    )
    let time = 0
    const slow = await startRpcNode((call) =>
      call.method === 'sendTransaction' ? { result: sentSignature } : { result: { value: [null] } },
    )
    const send = createRpcSender({
      rpcUrl: slow.url,
      confirmTimeoutMs: 2_000,
      now: () => time,
      sleep: async (ms) => {
        time += ms
      },
    })
    await expect(send(new Uint8Array([1]), undefined)).rejects.toThrow(/not confirmed within 2000 ms/)
  })
})

// The wallet side of Phantom's deeplinks, enough to approve connect and signTransaction.
function createPhantomWallet() {
  const encryption = nacl.box.keyPair()
  const account = nacl.sign.keyPair()
  let dappPublicKey: Uint8Array | undefined
  const answer = (link: string, data: unknown, extra: Record<string, string> = {}) => {
    const url = new URL(new URL(link).searchParams.get('redirect_link')!)
    const nonce = nacl.randomBytes(24)
    const box = nacl.box(
      new TextEncoder().encode(JSON.stringify(data)),
      nonce,
      dappPublicKey!,
      encryption.secretKey,
    )
    for (const [name, value] of Object.entries({
      ...extra,
      nonce: bs58.encode(nonce),
      data: bs58.encode(box),
    }))
      url.searchParams.set(name, value)
    return url.href
  }
  return {
    approveConnect(link: string) {
      dappPublicKey = bs58.decode(new URL(link).searchParams.get('dapp_encryption_public_key')!)
      const session = bs58.encode(nacl.sign(new Uint8Array([1]), account.secretKey))
      return answer(
        link,
        { public_key: bs58.encode(account.publicKey), session },
        { phantom_encryption_public_key: bs58.encode(encryption.publicKey) },
      )
    },
    /** Answers a signTransaction request with `signed` as the signed bytes; returns the bytes it was sent. */
    approveSignTransaction(link: string, signed: Uint8Array) {
      const query = new URL(link).searchParams
      const payload = JSON.parse(
        new TextDecoder().decode(
          openPayload(
            bs58.decode(query.get('payload')!),
            bs58.decode(query.get('nonce')!),
            deriveSharedSecret(dappPublicKey!, encryption.secretKey),
          ),
        ),
      ) as { transaction: string }
      return {
        sent: bs58.decode(payload.transaction),
        answer: answer(link, { transaction: bs58.encode(signed) }),
      }
    },
  }
}

describe('signAndSendTransaction on a wallet that deprecates its deeplink (Phantom)', () => {
  async function connectedClient(rpcUrl: string) {
    const storage = createMemoryStorage()
    const opened: string[] = []
    const wallet = createPhantomWallet()
    const make = () =>
      createWalletClient({
        appUrl: 'https://dapp.example',
        redirectLink: 'https://dapp.example/app',
        wallets: [phantom],
        storage,
        rpcUrl,
        navigate: (url) => {
          opened.push(url)
        },
      })
    const client = make()
    const connecting = client.connect({ wallet: 'phantom' })
    await new Promise((resolve) => setTimeout(resolve, 0))
    client.handleRedirect(wallet.approveConnect(opened.at(-1)!))
    await connecting
    return { client, make, opened, wallet }
  }

  it('signs by deeplink, then sends through rpcUrl, confirms, and answers with the context', async () => {
    const node = await startRpcNode((call) =>
      call.method === 'sendTransaction'
        ? { result: sentSignature }
        : { result: { value: [{ err: null, confirmationStatus: 'confirmed' }] } },
    )
    const { client, opened, wallet } = await connectedClient(node.url)
    const answers: WalletResponse[] = []
    client.watchResponse((response) => answers.push(response))
    answers.length = 0 // the connect answer

    const sending = client.signAndSendTransaction(new Uint8Array([1, 2, 3]), {
      sendOptions: { skipPreflight: true },
      context: { order: 42 },
    })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(new URL(opened.at(-1)!).pathname).toBe('/ul/v1/signTransaction')
    const { sent, answer } = wallet.approveSignTransaction(opened.at(-1)!, new Uint8Array([9, 9, 9]))
    expect(sent).toEqual(new Uint8Array([1, 2, 3]))
    expect(client.handleRedirect(answer)).toBeNull()
    expect(client.getState().pendingMethod).toBe('signAndSendTransaction')

    await expect(sending).resolves.toEqual({ transactionSignature: sentSignature })
    expect(node.calls[0]).toMatchObject({
      method: 'sendTransaction',
      params: ['CQkJ', { encoding: 'base64', skipPreflight: true }],
    })
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(answers).toEqual([
      {
        method: 'signAndSendTransaction',
        requestId: expect.any(String),
        wallet: 'phantom',
        context: { order: 42 },
        result: { transactionSignature: sentSignature },
      },
    ])
    expect(client.getState()).toMatchObject({ pendingMethod: null, error: null })
  })

  it('sends after the reload too, and shows a failed send as TransactionSendError', async () => {
    const node = await startRpcNode(() => ({ error: { message: 'Blockhash not found' } }))
    const { client, make, opened, wallet } = await connectedClient(node.url)
    void client.signAndSendTransaction(new Uint8Array([1]), { context: 'after reload' }).catch(() => {})
    await new Promise((resolve) => setTimeout(resolve, 0))
    const { answer } = wallet.approveSignTransaction(opened.at(-1)!, new Uint8Array([7]))

    // The reloaded page, in a browser: the stored state is read before the first render.
    vi.stubGlobal('window', { location: { href: 'https://dapp.example/app' } })
    const reloaded = make()
    expect(reloaded.getState().pendingMethod).toBe('signTransaction')
    reloaded.handleRedirect(answer)
    expect(reloaded.getState().pendingMethod).toBe('signAndSendTransaction')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(reloaded.getState().error).toBeInstanceOf(TransactionSendError)
    expect(reloaded.getState().pendingMethod).toBeNull()
    expect(node.calls.map((call) => call.method)).toEqual(['sendTransaction'])
  })

  it('still sends the deprecated deeplink when asked for, or without rpcUrl', async () => {
    const node = await startRpcNode(() => ({ result: sentSignature }))
    const { client, opened } = await connectedClient(node.url)
    void client.signAndSendTransaction(new Uint8Array([1]), { useDeprecatedDeeplink: true }).catch(() => {})
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(new URL(opened.at(-1)!).pathname).toBe('/ul/v1/signAndSendTransaction')
    expect(node.calls).toEqual([])
  })
})

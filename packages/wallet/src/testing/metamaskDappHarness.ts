import {
  type IKeyManager,
  type SessionRequest,
  SessionStore,
  WebSocketTransport,
} from '@metamask/mobile-wallet-protocol-core'
import { DappClient } from '@metamask/mobile-wallet-protocol-dapp-client'
import { decrypt, encrypt, PrivateKey } from 'eciesjs-0417'
import WebSocket from 'ws'
import { createMemoryKvStore } from '../metamask/memoryKvStore.js'

/**
 * MetaMask's own dapp client (`@metamask/mobile-wallet-protocol-dapp-client` 0.3.0) with an
 * eciesjs 0.4.17 key manager, as MetaMask's apps build it: the wallet under test is checked against
 * MetaMask's code, not against itself.
 */
export async function createMetaMaskDapp(relayUrl: string) {
  const kvstore = createMemoryKvStore()
  const transport = await WebSocketTransport.create({ url: relayUrl, kvstore, websocket: WebSocket })
  const sessionstore = await SessionStore.create(kvstore)
  const keymanager: IKeyManager = {
    generateKeyPair() {
      const secretKey = new PrivateKey()
      return { privateKey: new Uint8Array(secretKey.secret), publicKey: secretKey.publicKey.toBytes(true) }
    },
    async encrypt(plaintext, theirPublicKey) {
      return encrypt(theirPublicKey, Buffer.from(plaintext, 'utf8')).toString('base64')
    },
    async decrypt(encryptedB64, myPrivateKey) {
      return decrypt(myPrivateKey, Buffer.from(encryptedB64, 'base64')).toString('utf8')
    },
    validatePeerKey(key) {
      if (key.length !== 33) throw new Error('bad peer key')
    },
  }
  const client = new DappClient({ transport, sessionstore, keymanager })
  const answers = new Map<number | string, (data: Record<string, unknown>) => void>()
  const received: Record<string, unknown>[] = []
  const errors: Error[] = []
  client.on('error', (error: Error) => errors.push(error))
  client.on('message', (payload: unknown) => {
    const data = (payload as { data?: Record<string, unknown> }).data
    if (!data) return
    received.push(payload as Record<string, unknown>)
    const id = data['id'] as number | string | undefined
    if (id !== undefined) answers.get(id)?.(data)
  })
  let nextId = 1
  return {
    client,
    received,
    errors,
    /** Resolves with the session request the client emits on connect. */
    sessionRequest(): Promise<SessionRequest> {
      return new Promise((resolve) => client.once('session_request', resolve))
    },
    /** Sends a JSON-RPC request on a stream and resolves with the wallet's JSON-RPC response. */
    async request(
      method: string,
      params?: unknown,
      name = 'metamask-multichain-provider',
    ): Promise<Record<string, unknown>> {
      return (await this.send(method, params, name)).answered
    },
    /** Resolves once the request is on the relay, with the promise of its answer. */
    async send(
      method: string,
      params?: unknown,
      name = 'metamask-multichain-provider',
    ): Promise<{ answered: Promise<Record<string, unknown>> }> {
      const id = nextId++
      const answered = new Promise<Record<string, unknown>>((resolve) => answers.set(id, resolve))
      await client.sendRequest({ name, data: { jsonrpc: '2.0', id, method, params } })
      return { answered }
    },
  }
}

export const dappMetadata = {
  dapp: { name: 'Test dapp', url: 'https://dapp.example' },
  sdk: { version: '0.0.0', platform: 'nodejs' },
}

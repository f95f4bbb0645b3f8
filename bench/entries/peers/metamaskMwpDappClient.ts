// MetaMask's own MWP dapp client (@metamask/mobile-wallet-protocol-dapp-client on -core, with the centrifuge
// transport): pairing and one request; it ships no crypto, so eciesjs is added as its key manager.
import { WebSocketTransport } from '@metamask/mobile-wallet-protocol-core'
import { DappClient } from '@metamask/mobile-wallet-protocol-dapp-client'
import { decrypt, encrypt, PrivateKey } from 'eciesjs'

const memory = new Map<string, string>()
const kvstore = {
  get: async (key: string) => memory.get(key) ?? null,
  set: async (key: string, value: string) => void memory.set(key, value),
  delete: async (key: string) => void memory.delete(key),
}
const keymanager = {
  generateKeyPair() {
    const key = new PrivateKey()
    return { privateKey: key.secret, publicKey: key.publicKey.toBytes(true) }
  },
  encrypt: async (plaintext: string, key: Uint8Array) =>
    btoa(String.fromCharCode(...encrypt(key, new TextEncoder().encode(plaintext)))),
  decrypt: async (text: string, key: Uint8Array) =>
    new TextDecoder().decode(
      decrypt(
        key,
        Uint8Array.from(atob(text), (c) => c.charCodeAt(0)),
      ),
    ),
  validatePeerKey() {},
}

document.querySelector('button')?.addEventListener('click', async () => {
  const transport = await WebSocketTransport.create({
    url: 'wss://relay.example/connection/websocket',
    kvstore,
  })
  const client = new DappClient({
    transport,
    keymanager,
    sessionstore: {
      set: async () => {},
      get: async () => null,
      list: async () => [],
      delete: async () => {},
    } as never,
  })
  client.on('session_request', (request: unknown) => console.log(request))
  client.on('message', (message: unknown) => console.log(message))
  await client.connect({ mode: 'trusted' })
  await client.sendRequest({
    name: 'metamask-multichain-provider',
    data: { id: 1, jsonrpc: '2.0', method: 'wallet_createSession', params: {} },
  })
})

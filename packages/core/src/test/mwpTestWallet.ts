import {
  BaseClient,
  ClientState,
  type IKeyManager,
  type IKVStore,
  type ProtocolMessage,
  WebSocketTransport,
} from '@metamask/mobile-wallet-protocol-core'
import { Keypair, VersionedTransaction } from '@solana/web3.js'
import { decrypt as eciesjsDecrypt, encrypt as eciesjsEncrypt, PrivateKey } from 'eciesjs'
import nacl from 'tweetnacl'
import { privateKeyToAccount } from 'viem/accounts'
import WebSocket from 'ws'
import { encodeBase58 } from '../crypto/base58.js'
import type { ConnectionRequest } from '../metamask/connectionRequest.js'

// A test wallet on MetaMask's own MWP core package (its Centrifugo transport, envelope, dedupe and base
// client) with eciesjs as the key manager: what dapplink's dapp side must interoperate with. It answers the
// Multichain API for Solana (real ed25519 keys) and EVM personal_sign. Test-only; the product wallet side is
// @dapplink/wallet/metamask.

export const solanaMainnet = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp'

class MemoryKvStore implements IKVStore {
  private readonly values = new Map<string, string>()
  async get(key: string) {
    return this.values.get(key) ?? null
  }
  async set(key: string, value: string) {
    this.values.set(key, value)
  }
  async delete(key: string) {
    this.values.delete(key)
  }
}

const keyManager: IKeyManager = {
  generateKeyPair() {
    const key = new PrivateKey()
    return { privateKey: key.secret, publicKey: key.publicKey.toBytes(true) }
  },
  async encrypt(plaintext, theirPublicKey) {
    return Buffer.from(eciesjsEncrypt(theirPublicKey, Buffer.from(plaintext, 'utf8'))).toString('base64')
  },
  async decrypt(encrypted, privateKey) {
    return Buffer.from(eciesjsDecrypt(privateKey, Buffer.from(encrypted, 'base64'))).toString('utf8')
  },
  validatePeerKey(key) {
    if (key.length !== 33) throw new Error('bad peer key')
  },
}

/** The params the test wallet reads (loosely typed: it answers what the dapp sends). */
type WalletRequestParams = {
  request: { method: string; params: { message: string; transaction: string; 0: `0x${string}` } }
}

/** What the test wallet does with a Multichain request; return undefined to stay silent. */
export type WalletBehaviour = { silent?: boolean; revoked?: boolean; rejectNext?: boolean }

export class MwpTestWallet extends BaseClient {
  readonly solana = Keypair.generate()
  readonly evm = privateKeyToAccount(`0x${'11'.repeat(32)}`)
  readonly received: { method: string; params: unknown }[] = []
  behaviour: WalletBehaviour = {}
  private readonly unanswered: {
    name: string
    data: { id: number; method: string; params: WalletRequestParams }
  }[] = []
  otp = '246810'

  static async create(url: string) {
    const kvstore = new MemoryKvStore()
    const transport = await WebSocketTransport.create({ url, kvstore, websocket: WebSocket })
    return new MwpTestWallet(transport, keyManager, {
      set: async () => {},
      get: async () => null,
      list: async () => [],
      delete: async () => {},
    } as never)
  }

  get address() {
    return this.solana.publicKey.toBase58()
  }

  /** Answers a pairing request as MetaMask Mobile does: subscribe, then publish the offer. */
  async pair(request: ConnectionRequest, options: { publicKey?: Uint8Array; otp?: boolean } = {}) {
    const { sessionRequest } = request
    const keyPair = keyManager.generateKeyPair()
    const channelId = crypto.randomUUID()
    this.session = {
      id: sessionRequest.id,
      channel: `session:${channelId}`,
      keyPair,
      theirPublicKey: options.publicKey ?? Buffer.from(sessionRequest.publicKeyB64, 'base64'),
      expiresAt: Date.now() + 3_600_000,
    }
    await this.transport.connect()
    await this.transport.subscribe(this.session.channel)
    const payload = {
      publicKeyB64: Buffer.from(keyPair.publicKey).toString('base64'),
      channelId,
      ...(options.otp ? { otp: this.otp, deadline: Date.now() + 60_000 } : {}),
    }
    await this.sendMessage(sessionRequest.channel, { type: 'handshake-offer', payload })
    this.state = ClientState.CONNECTED
  }

  /** The wallet goes to the background: its socket drops. */
  async goToBackground() {
    await this.transport.disconnect()
  }

  async comeBack() {
    await this.transport.connect()
    if (this.session) await this.transport.subscribe(this.session.channel)
  }

  protected override handleMessage(message: ProtocolMessage) {
    if (message.type !== 'message') return
    const { name, data } = message.payload as {
      name: string
      data: { id: number; method: string; params: WalletRequestParams }
    }
    this.received.push({ method: data.method, params: data.params })
    if (this.behaviour.silent) {
      this.unanswered.push({ name, data })
      return
    }
    void this.respond(name, data)
  }

  /** Answers, late, every request received while silent (the dapp may have given up on them). */
  async answerLate() {
    const late = this.unanswered.splice(0)
    for (const { name, data } of late) await this.respond(name, data)
  }

  private respond(name: string, data: { id: number; method: string; params: WalletRequestParams }) {
    return this.answer(data.method, data.params).then(
      (result) => this.reply(name, { id: data.id, jsonrpc: '2.0', result }),
      (error: { code?: number; message?: string }) =>
        this.reply(name, {
          id: data.id,
          jsonrpc: '2.0',
          error: { code: error.code ?? -32603, message: String(error.message) },
        }),
    )
  }

  async reply(name: string, data: unknown) {
    if (this.session)
      await this.sendMessage(this.session.channel, { type: 'message', payload: { name, data } })
  }

  async notifyAccountChanged(address: string) {
    await this.reply('metamask-multichain-provider', {
      jsonrpc: '2.0',
      method: 'wallet_notify',
      params: {
        scope: solanaMainnet,
        notification: { method: 'metamask_accountsChanged', params: [address] },
      },
    })
  }

  private sessionScopes() {
    if (this.behaviour.revoked) return {}
    return {
      [solanaMainnet]: { methods: [], notifications: [], accounts: [`${solanaMainnet}:${this.address}`] },
      'eip155:1': {
        methods: ['personal_sign'],
        notifications: [],
        accounts: [`eip155:1:${this.evm.address}`],
      },
    }
  }

  private async answer(method: string, params: WalletRequestParams): Promise<unknown> {
    if (this.behaviour.rejectNext) {
      this.behaviour.rejectNext = false
      throw { code: 4001, message: 'User rejected the request.' }
    }
    if (method === 'wallet_createSession' || method === 'wallet_getSession')
      return { sessionScopes: this.sessionScopes(), sessionProperties: {} }
    if (method === 'wallet_revokeSession') return true
    if (method !== 'wallet_invokeMethod') throw { code: -32601, message: 'method not found' }
    const { method: inner, params: p } = params.request
    if (inner === 'signMessage') {
      const message = Buffer.from(p.message, 'base64')
      const signature = nacl.sign.detached(message, this.solana.secretKey)
      return { signature: encodeBase58(signature), signedMessage: p.message, signatureType: 'ed25519' }
    }
    if (inner === 'signTransaction' || inner === 'signAndSendTransaction') {
      const transaction = VersionedTransaction.deserialize(Buffer.from(p.transaction, 'base64'))
      transaction.sign([this.solana])
      if (inner === 'signAndSendTransaction') return { signature: encodeBase58(transaction.signatures[0]!) }
      return { signedTransaction: Buffer.from(transaction.serialize()).toString('base64') }
    }
    if (inner === 'personal_sign') return this.evm.signMessage({ message: { raw: p[0] } })
    throw { code: 4100, message: `not in session: ${inner}` }
  }
}

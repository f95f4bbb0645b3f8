import {
  type IKVStore,
  type ISessionStore,
  type ITransport,
  SessionStore,
  WebSocketTransport,
} from '@metamask/mobile-wallet-protocol-core'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { answerMwpPayload, evmProvider, multichainProvider } from './answerMwpPayload.js'
import { MwpSessionStateError, MwpWalletError } from './errors.js'
import { evmAddress } from './evmSigner.js'
import { createMemoryKvStore } from './memoryKvStore.js'
import { type MultichainSessionState, solanaScopes, type WalletCapabilities } from './multichainSession.js'
import { createMwpKeyManager } from './mwpKeyManager.js'
import { type MwpOtpDisplay, MwpWalletClient } from './mwpWalletClient.js'
import type { MwpRequestHandler, MwpTransactionSender } from './mwpWalletRequest.js'
import { type MwpDappMetadata, type ParseMwpLinkParameters, parseMwpLink } from './parseMwpLink.js'

/** Options of {@link createMwpWallet}. */
export type CreateMwpWalletParameters = {
  /** The Centrifugo relay, e.g. `ws://127.0.0.1:8790/connection/websocket` (the local stand-in). */
  relayUrl: string
  /** Solana accounts: 64-byte ed25519 secret keys (tweetnacl / `Keypair.secretKey`). At least one. */
  solanaSecretKeys: readonly Uint8Array[]
  /** The Solana chains (CAIP-2) the wallet grants. Default mainnet, devnet and testnet. */
  solanaScopes?: readonly string[]
  /** An EVM account for `metamask-provider` and `eip155:` scopes: a 32-byte secp256k1 secret key. */
  evm?: { secretKey: Uint8Array; chainId?: number }
  /** The user's decision on every session and signature: required, there is no default approval. */
  onRequest: MwpRequestHandler
  /** Sends a signed Solana transaction; without it `signAndSendTransaction` is refused. */
  sendTransaction?: MwpTransactionSender
  /** Told of failures on the wallet side (transport, decryption, a refused request). */
  onError?: (error: Error) => void
  /** The WebSocket class where there is no global one (Node 20: `ws`). */
  websocket?: unknown
  /** How long the wallet keeps a session. Default 30 days (MetaMask's). */
  sessionTtlMs?: number
  /** How long an untrusted pairing's OTP is valid. Default 60 s. */
  otpTtlMs?: number
  /** Clock, ms. Default `Date.now`. */
  now?: () => number
  /**
   * The session store of each pairing. Default MetaMask's `SessionStore` in memory, which needs the
   * Node global `Buffer`; in a browser pass `() => createMwpMemorySessionStore()`.
   */
  createSessionStore?: (kvstore: IKVStore) => Promise<ISessionStore> | ISessionStore
}

/** Where a paired session is. */
export type MwpWalletSessionStatus = 'connected' | 'background' | 'ended'

/** A session with one dapp. */
export type MwpWalletSession = {
  /** The session id (the dapp's session request id). */
  id: string
  dapp: MwpDappMetadata
  status(): MwpWalletSessionStatus
  /** The Multichain API session granted to the dapp so far. */
  multichainSession(): MultichainSessionState
  /** Drops the socket as a phone in the background does; the session survives. */
  goToBackground(): Promise<void>
  /** Comes back: reconnects and answers what the dapp sent meanwhile (from the relay's history). */
  returnToForeground(): Promise<void>
  /** Sends `wallet_notify` `metamask_accountsChanged` for the Solana scopes of the session. */
  notifyAccountsChanged(address: string): Promise<void>
  /**
   * Ends the session. By default silently, as MetaMask Mobile does when the user disconnects a dapp
   * in its settings; `notifyDapp: true` first sends `wallet_sessionChanged` with no scopes.
   */
  end(options?: { notifyDapp?: boolean }): Promise<void>
}

/** A wallet that answers MetaMask connection links. */
export type MwpWallet = {
  /** The Solana addresses (base58) and the EVM address, if any. */
  solanaAddresses: readonly string[]
  evmAddress: string | undefined
  /**
   * Pairs with the dapp of a `metamask://connect/mwp` link. For an untrusted request,
   * `displayOtp` shows the OTP to the user.
   */
  pair(
    link: string,
    options?: { displayOtp?: MwpOtpDisplay } & Pick<ParseMwpLinkParameters, 'now'>,
  ): Promise<MwpWalletSession>
}

/**
 * Creates the wallet side of MetaMask's Mobile Wallet Protocol: pairs through a Centrifugo relay
 * with MetaMask's own transport and session store, and answers the Multichain API for Solana (and
 * EIP-1193 for an optional EVM account) with real keys, after `onRequest` approves.
 *
 * @example
 * const wallet = createMwpWallet({ relayUrl, solanaSecretKeys: [keypair.secretKey], onRequest: askUser })
 * const session = await wallet.pair(scannedLink)
 */
export function createMwpWallet(parameters: CreateMwpWalletParameters): MwpWallet {
  if (typeof parameters.onRequest !== 'function') {
    throw new MwpWalletError('createMwpWallet needs onRequest: the wallet must approve every request itself.')
  }
  if (parameters.solanaSecretKeys.length === 0)
    throw new MwpWalletError('createMwpWallet needs at least one Solana key.')
  const solanaKeys = new Map<string, Uint8Array>()
  for (const secretKey of parameters.solanaSecretKeys) {
    if (secretKey.length !== nacl.sign.secretKeyLength) {
      throw new MwpWalletError(
        `A Solana secret key has ${secretKey.length} bytes; it must be 64 (ed25519 seed ‖ public key).`,
      )
    }
    solanaKeys.set(bs58.encode(nacl.sign.keyPair.fromSecretKey(secretKey).publicKey), secretKey)
  }
  const evm = parameters.evm
    ? {
        address: evmAddress(parameters.evm.secretKey),
        secretKey: parameters.evm.secretKey,
        chainId: parameters.evm.chainId ?? 1,
      }
    : undefined
  const capabilities: WalletCapabilities = {
    solana: {
      scopes: parameters.solanaScopes ?? Object.values(solanaScopes),
      addresses: [...solanaKeys.keys()],
    },
    evm: evm ? { scopes: [`eip155:${evm.chainId}`], addresses: [evm.address] } : undefined,
  }
  const reportError = (error: Error) => parameters.onError?.(error)

  return {
    solanaAddresses: [...solanaKeys.keys()],
    evmAddress: evm?.address,
    async pair(link, options = {}) {
      const now = parameters.now ?? Date.now
      const request = await parseMwpLink(link, { now: options.now ?? now() })
      const kvstore = createMemoryKvStore()
      const transport: ITransport = await WebSocketTransport.create({
        url: parameters.relayUrl,
        kvstore,
        websocket: parameters.websocket,
      })
      const sessionstore: ISessionStore = await (parameters.createSessionStore ?? SessionStore.create)(
        kvstore,
      )
      const client = new MwpWalletClient({
        transport,
        keymanager: createMwpKeyManager(),
        sessionstore,
        now,
        ...(parameters.sessionTtlMs === undefined ? {} : { sessionTtlMs: parameters.sessionTtlMs }),
        ...(parameters.otpTtlMs === undefined ? {} : { otpTtlMs: parameters.otpTtlMs }),
      })
      let state: MultichainSessionState = { step: 'none' }
      let status: MwpWalletSessionStatus = 'connected'
      client.on('error', reportError)
      // Requests are answered one at a time, in order (approval prompts do not interleave).
      let queue = Promise.resolve()
      client.on('message', (payload: unknown) => {
        queue = queue.then(async () => {
          const answers = await answerMwpPayload(payload, {
            dapp: request.metadata.dapp,
            capabilities,
            solanaKeys,
            evm,
            onRequest: parameters.onRequest,
            sendTransaction: parameters.sendTransaction,
            getState: () => state,
            setState: (next) => {
              state = next
            },
            reportError,
          })
          for (const answer of answers) await client.sendPayload(answer).catch(reportError)
        })
      })
      await client.connect(request, options.displayOtp)
      // As MetaMask Mobile after pairing: the EVM chain, on the EIP-1193 stream.
      if (evm) {
        await client
          .sendPayload({
            name: evmProvider,
            data: {
              jsonrpc: '2.0',
              method: 'metamask_chainChanged',
              params: { chainId: `0x${evm.chainId.toString(16)}`, networkVersion: String(evm.chainId) },
            },
          })
          .catch(reportError)
      }
      const requireStatus = (expected: MwpWalletSessionStatus, action: string) => {
        if (status !== expected) throw new MwpSessionStateError(`Cannot ${action}: the session is ${status}.`)
      }
      return {
        id: request.sessionRequest.id,
        dapp: request.metadata.dapp,
        status: () => status,
        multichainSession: () => state,
        async goToBackground() {
          requireStatus('connected', 'go to the background')
          status = 'background'
          await client.pause()
        },
        async returnToForeground() {
          requireStatus('background', 'return to the foreground')
          await client.resumeSession()
          status = 'connected'
        },
        async notifyAccountsChanged(address) {
          requireStatus('connected', 'notify')
          if (state.step !== 'active')
            throw new MwpSessionStateError('Cannot notify: the dapp has no session yet.')
          for (const scope of Object.keys(state.sessionScopes).filter((key) => key.startsWith('solana:'))) {
            await client.sendPayload({
              name: multichainProvider,
              data: {
                jsonrpc: '2.0',
                method: 'wallet_notify',
                params: { scope, notification: { method: 'metamask_accountsChanged', params: [address] } },
              },
            })
          }
        },
        async end(endOptions = {}) {
          if (status === 'ended') return
          if (endOptions.notifyDapp && status === 'connected') {
            await client
              .sendPayload({
                name: multichainProvider,
                data: { jsonrpc: '2.0', method: 'wallet_sessionChanged', params: { sessionScopes: {} } },
              })
              .catch(reportError)
          }
          status = 'ended'
          state = { step: 'none' }
          if (client.sessionId && !(await sessionstore.get(client.sessionId))) return
          if (client.state === 'DISCONNECTED' && client.sessionId) {
            // In the background: forget the session without reconnecting.
            await sessionstore.delete(client.sessionId)
            return
          }
          await client.disconnect()
        },
      }
    },
  }
}

import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { decryptJson } from '../crypto/decryptJson.js'
import { bindAppOrigin } from '../deeplink/bindAppOrigin.js'
import { buildApproveRedirect } from '../deeplink/buildApproveRedirect.js'
import { buildRejectRedirect } from '../deeplink/buildRejectRedirect.js'
import type { DeeplinkLimits } from '../deeplink/limits.js'
import { parseDeeplinkRequest } from '../deeplink/parseDeeplinkRequest.js'
import { parseRequestPayload } from '../deeplink/parseRequestPayload.js'
import { type DeeplinkErrorCode, deeplinkErrorCodes } from '../errors/codes.js'
import {
  InternalWalletError,
  InvalidRequestError,
  MethodNotFoundError,
  ReplayError,
  TransactionRejectedError,
  UnauthorizedError,
  WalletRequestError,
} from '../errors/walletRequestError.js'
import { issueSessionToken } from '../session/issueSessionToken.js'
import {
  createMemorySessionStore,
  type DeeplinkSession,
  type DeeplinkSessionStore,
} from '../session/sessionStore.js'
import { verifySessionToken } from '../session/verifySessionToken.js'
import { signTransactionBytes } from '../transaction/signTransactionBytes.js'
import { createAnsweredNonces } from './answeredNonces.js'
import { deepCopy } from './deepCopy.js'
import { readEncryptedWalletRequest } from './readEncryptedWalletRequest.js'
import type { ConnectWalletRequest, WalletRequest, WalletTransaction } from './walletRequest.js'

export type CreateDeeplinkWalletParameters = {
  /** The account's ed25519 keypair (`nacl.sign.keyPair()` or `Keypair.secretKey` split). */
  account: nacl.SignKeyPair
  /** The wallet's request base URL, ending with '/': `https://phantom.app/ul/v1/`. */
  baseUrl: string
  /**
   * The name of the connect response param carrying the wallet's encryption key:
   * 'phantom_encryption_public_key' (default), 'solflare_encryption_public_key',
   * 'wallet_encryption_public_key' (Backpack).
   */
  encryptionParam?: string | undefined
  /** Where sessions live; defaults to an in-memory store. */
  sessions?: DeeplinkSessionStore | undefined
  /** Size caps for incoming URLs. */
  limits?: Partial<DeeplinkLimits> | undefined
  /** Signs a serialized transaction; defaults to `signTransactionBytes` with the account key. */
  signTransaction?: ((transaction: Uint8Array) => Uint8Array | Promise<Uint8Array>) | undefined
  /**
   * Sends a signed transaction and returns its base58 signature. Without it, `signAndSendTransaction`
   * requests are refused at `parse` with `MethodNotFoundError` (-32601): a wallet that cannot send must
   * not answer as if it had.
   */
  sendTransaction?:
    | ((signedTransaction: Uint8Array, sendOptions: Record<string, unknown> | undefined) => Promise<string>)
    | undefined
  /** The clock for session timestamps (ms). */
  now?: (() => number) | undefined
}

/** A wallet that answers Phantom-compatible deeplinks. */
export type DeeplinkWallet = {
  /** base58 of the account's public key. */
  readonly publicKey: string
  /** Parses, decrypts and checks a request URL. Throws a `WalletRequestError`; answer it with `rejectError`. */
  parse(url: string): Promise<WalletRequest>
  /** Performs a parsed request (signs, creates or forgets the session) and returns the redirect URL. */
  approve(request: WalletRequest): Promise<string>
  /** Returns the reject redirect URL for a parsed request (default 4001 user rejected). */
  reject(request: WalletRequest, code?: DeeplinkErrorCode, message?: string): string
  /** The reject redirect URL for an error from `parse`/`approve`, or undefined when it has no redirect link. */
  rejectError(error: unknown): string | undefined
}

type RequestContext = {
  /** A private copy of the request: what the user saw is what gets signed, even if the UI mutates its object. */
  request: WalletRequest
  sharedSecret: Uint8Array
  session: DeeplinkSession | undefined
  /** base58 of the request nonce (encrypted methods only). */
  nonce: string | undefined
}

/**
 * Creates the wallet side of the deeplink protocol for one account.
 *
 * @example
 * const wallet = createDeeplinkWallet({ account: nacl.sign.keyPair(), baseUrl: 'http://localhost:3000/ul/v1/' })
 * const request = await wallet.parse(location.href)
 * location.href = userApproved ? await wallet.approve(request) : wallet.reject(request)
 */
export function createDeeplinkWallet(parameters: CreateDeeplinkWalletParameters): DeeplinkWallet {
  const {
    account,
    baseUrl,
    encryptionParam = 'phantom_encryption_public_key',
    sessions = createMemorySessionStore(),
    limits,
    now = Date.now,
  } = parameters
  if (account.publicKey.length !== 32 || account.secretKey.length !== 64)
    throw new InvalidRequestError('The account is not an ed25519 keypair.', {
      details: 'Pass nacl.sign.keyPair() or an equivalent { publicKey (32 bytes), secretKey (64 bytes) }.',
    })
  if (!/^[a-z0-9_]+_encryption_public_key$/.test(encryptionParam))
    throw new InvalidRequestError(
      `The encryptionParam "${encryptionParam}" is not a <wallet>_encryption_public_key name.`,
    )
  const signTransaction =
    parameters.signTransaction ?? ((transaction) => signTransactionBytes(transaction, account.secretKey))
  const { sendTransaction } = parameters
  const publicKey = bs58.encode(account.publicKey)
  // Requests handed to the UI map to their secrets here, so the UI never sees a shared secret and a
  // request object can be approved or rejected only once.
  const contexts = new WeakMap<WalletRequest, RequestContext>()
  // Nonces of answered requests: reopening the same link (back button, a replayed URL) must not sign twice.
  const answeredNonces = createAnsweredNonces()

  const storeCall = async <value>(
    redirectLink: string,
    call: () => value | Promise<value>,
  ): Promise<value> => {
    try {
      return await call()
    } catch (cause) {
      throw new InternalWalletError('The session store failed.', { cause, redirectLink })
    }
  }

  const parse = async (url: string): Promise<WalletRequest> => {
    const parsed = parseDeeplinkRequest(url, { baseUrl, limits })
    const { redirectLink } = parsed
    const dappEncryptionPublicKey = bs58.encode(parsed.dappEncryptionPublicKey)
    if (parsed.method === 'connect') {
      const request: ConnectWalletRequest = {
        method: 'connect',
        appUrl: parsed.appUrl,
        appIdentity: parsed.appIdentity,
        appUrlVerified: parsed.appUrlVerified,
        cluster: parsed.cluster,
        redirectLink,
        dappEncryptionPublicKey,
      }
      contexts.set(request, {
        request: deepCopy(request),
        sharedSecret: new Uint8Array(0),
        session: undefined,
        nonce: undefined,
      })
      return request
    }

    const nonce = bs58.encode(parsed.nonce)
    if (answeredNonces.has(nonce))
      throw new ReplayError('This request was already answered.', {
        details: 'Each request carries a fresh nonce; send a new request instead of reopening an old link.',
        redirectLink,
      })
    const session = await storeCall(redirectLink, () => sessions.get(dappEncryptionPublicKey))
    if (!session)
      throw new UnauthorizedError('No session exists for this dapp encryption public key.', {
        details: 'Connect first; the wallet may have been reset or the dapp may have created a new key.',
        redirectLink,
      })
    // Each request brings its own redirect link: it must still go to the origin the session was made for.
    const origin = bindAppOrigin(session.appUrl, redirectLink)
    const sharedSecret = nacl.box.before(
      parsed.dappEncryptionPublicKey,
      session.walletEncryptionKeyPair.secretKey,
    )
    const json = decryptJson({ box: parsed.payload, nonce: parsed.nonce, sharedSecret, redirectLink })
    const payload = parseRequestPayload(parsed.method, json, redirectLink)
    verifySessionToken(payload.session, {
      publicKey: account.publicKey,
      expected: session.session,
      redirectLink,
    })
    if (parsed.method === 'signAndSendTransaction' && !sendTransaction)
      throw new MethodNotFoundError('This wallet cannot send transactions (no sendTransaction configured).', {
        details: 'Ask for signTransaction and send it from the dapp, or give createDeeplinkWallet a sender.',
        redirectLink,
      })

    const base = {
      appUrl: session.appUrl,
      ...origin,
      cluster: session.cluster,
      redirectLink,
      dappEncryptionPublicKey,
    }
    const request = readEncryptedWalletRequest(parsed.method, payload, base, account.publicKey)
    contexts.set(request, { request: deepCopy(request), sharedSecret, session, nonce })
    return request
  }

  const takeContext = (request: WalletRequest): RequestContext => {
    const context = contexts.get(request)
    if (!context)
      throw new InvalidRequestError('This request was not parsed by this wallet, or was already answered.', {
        details: 'Pass the object returned by wallet.parse(url), once.',
      })
    contexts.delete(request)
    if (context.nonce !== undefined) answeredNonces.add(context.nonce)
    return context
  }

  const sign = async (transaction: WalletTransaction, redirectLink: string): Promise<Uint8Array> => {
    try {
      return await signTransaction(transaction.bytes)
    } catch (cause) {
      if (cause instanceof WalletRequestError) throw cause
      throw new InternalWalletError('Signing the transaction failed.', { cause, redirectLink })
    }
  }

  const approve = async (parsedRequest: WalletRequest): Promise<string> => {
    const { request, sharedSecret, session } = takeContext(parsedRequest)
    const { redirectLink } = request
    const answer = (data: unknown) => buildApproveRedirect(redirectLink, { sharedSecret, data })
    switch (request.method) {
      case 'connect': {
        const walletEncryptionKeyPair = nacl.box.keyPair()
        const dappKey = bs58.decode(request.dappEncryptionPublicKey)
        const connectSecret = nacl.box.before(dappKey, walletEncryptionKeyPair.secretKey)
        const token = issueSessionToken({
          appUrl: request.appUrl,
          cluster: request.cluster,
          secretKey: account.secretKey,
          timestamp: now(),
        })
        await storeCall(redirectLink, () =>
          sessions.set({
            dappEncryptionPublicKey: request.dappEncryptionPublicKey,
            walletEncryptionKeyPair,
            session: token,
            appUrl: request.appUrl,
            cluster: request.cluster,
            createdAt: now(),
          }),
        )
        return buildApproveRedirect(redirectLink, {
          sharedSecret: connectSecret,
          data: { public_key: publicKey, session: token },
          params: { [encryptionParam]: bs58.encode(walletEncryptionKeyPair.publicKey) },
        })
      }
      case 'disconnect':
        if (session) await storeCall(redirectLink, () => sessions.delete(session.dappEncryptionPublicKey))
        return buildApproveRedirect(redirectLink)
      case 'signMessage':
        return answer({ signature: bs58.encode(nacl.sign.detached(request.message, account.secretKey)) })
      case 'signTransaction':
        return answer({ transaction: bs58.encode(await sign(request.transaction, redirectLink)) })
      case 'signAllTransactions': {
        const signed: string[] = []
        for (const transaction of request.transactions)
          signed.push(bs58.encode(await sign(transaction, redirectLink)))
        return answer({ transactions: signed })
      }
      case 'signAndSendTransaction': {
        const signed = await sign(request.transaction, redirectLink)
        let signature: string
        try {
          // `parse` refused this method when no sender was configured.
          signature = await sendTransaction!(signed, request.sendOptions)
        } catch (cause) {
          throw new TransactionRejectedError('Sending the transaction failed.', { cause, redirectLink })
        }
        return answer({ signature })
      }
    }
  }

  const reject = (
    request: WalletRequest,
    code: DeeplinkErrorCode = deeplinkErrorCodes.userRejected,
    message?: string,
  ) => {
    const context = takeContext(request)
    return buildRejectRedirect(context.request.redirectLink, { code, message })
  }

  const rejectError = (error: unknown): string | undefined => {
    if (!(error instanceof WalletRequestError) || error.redirectLink === undefined) return undefined
    return buildRejectRedirect(error.redirectLink, { code: error.code, message: error.shortMessage })
  }

  return { publicKey, parse, approve, reject, rejectError }
}

import { EciesPrivateKey as PrivateKey } from '../crypto/ecies.js'
import { sha256Sync } from '../crypto/sha256Sync.js'
import { serializeTransaction } from '../deeplink/serializeTransaction.js'
import {
  InvalidResponseError,
  type SessionClosedError,
  type SessionCloseReason,
  UnknownMessageError,
  WakeUpUnavailableError,
} from '../errors/relay.js'
import { encodeBase64 } from './base64url.js'
import { utf8 } from './bytes.js'
import { deriveChannelId } from './channelId.js'
import { secretLength, tokenLength } from './constants.js'
import { defaultOpenLink } from './defaultOpenLink.js'
import { withTimingDefaults } from './engine/timingDefaults.js'
import { buildPairingUri } from './pairingUri.js'
import { answerField, base58AnswerField, base64AnswerField } from './relayAnswerFields.js'
import { assertRequestTimeout, createRelayRequests } from './relayRequests.js'
import type { CreateRelaySessionParameters, RelaySession } from './relaySession.js'
import { assertRelayUrl } from './relayUrl.js'
import { createSessionEngine } from './sessionEngine.js'
import { buildWakeUpLink, buildWalletLink } from './walletLink.js'
import { randomBytes } from './webCrypto.js'

export type { CreateRelaySessionParameters, RelayRequestOptions, RelaySession } from './relaySession.js'
export type { SessionCloseReason }

/**
 * Opens a relay session for a wallet to pair with: creates the channel and the pairing URI (QR code). Keys
 * stay in memory only; the pairing secret never reaches the relay.
 *
 * @example
 * const session = createRelaySession({ relayUrl: 'wss://relay.example', app: { name: 'My dapp', url: location.origin } })
 * showQrCode(session.pairingUri)
 * session.watchState((state) => render(state.status, state.verificationCode))
 * const { accounts } = await session.connect()
 * const signature = await session.signMessage('Hello')
 */
export function createRelaySession(parameters: CreateRelaySessionParameters): RelaySession {
  assertRelayUrl(parameters.relayUrl)
  const requestTimeoutMs = parameters.requestTimeoutMs ?? 300_000
  assertRequestTimeout(requestTimeoutMs, 'requestTimeoutMs')
  const dappToken = randomBytes(tokenLength)
  // Bound to the dapp's token: after a relay restart nobody else can `create` this channel first.
  const channelId = deriveChannelId(sha256Sync(dappToken))
  const secret = randomBytes(secretLength)
  const dappKey = new PrivateKey()
  const dappPublicKey = dappKey.publicKey.toBytes(true)
  const pairingUri = buildPairingUri({
    relayUrl: parameters.relayUrl,
    channelId,
    dappPublicKey,
    secret,
    ...(parameters.appInPairingUri === false ? {} : { name: parameters.app.name, url: parameters.app.url }),
  })
  const walletLink =
    parameters.walletLinkBaseUrl === undefined
      ? undefined
      : buildWalletLink(parameters.walletLinkBaseUrl, pairingUri)

  let closedError: SessionClosedError | undefined

  const engine = createSessionEngine({
    ...parameters,
    role: 'dapp',
    channelId,
    secret,
    dappPublicKey,
    dappSecretKey: dappKey.secret,
    dappToken,
    onMessage(message) {
      if (message.kind === 'response') requests.onResponse(message.response)
      else
        parameters.onError?.(
          new UnknownMessageError(`The wallet sent a ${message.kind}; only the dapp sends those.`),
        )
    },
    onClose(error) {
      closedError = error
      requests.rejectAll(error)
      detachPageHide()
    },
  })
  const requests = createRelayRequests({
    send: engine.send,
    timers: withTimingDefaults(parameters).timers,
    requestTimeoutMs,
    onSealed: () => void refreshPreseal(),
  })
  const request: RelaySession['request'] = (method, params, options) =>
    closedError ? Promise.reject(closedError) : requests.request(method, params, options)

  // --- pagehide: a sealed `terminate` when the page goes away (browsers only, while the session is open).
  let presealed: Awaited<ReturnType<typeof engine.presealTerminate>>
  let presealedFor = -1
  const pageTarget =
    typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : undefined
  const onPageHide = () => engine.closeNow('page-hidden', presealed)
  let pageHideAttached = false
  function attachPageHide(): void {
    if (!pageTarget || pageHideAttached) return
    pageHideAttached = true
    pageTarget.addEventListener('pagehide', onPageHide)
  }
  function detachPageHide(): void {
    if (!pageTarget || !pageHideAttached) return
    pageHideAttached = false
    pageTarget.removeEventListener('pagehide', onPageHide)
  }
  // Keeps a `terminate` sealed for the next seq, since pagehide cannot wait for WebCrypto.
  async function refreshPreseal(): Promise<void> {
    if (!pageTarget || engine.getState().status === 'cleared' || presealedFor === engine.lastSent) return
    presealedFor = engine.lastSent
    presealed = await engine.presealTerminate('page-hidden')
  }
  engine.watchState((state) => {
    if (state.status === 'cleared') detachPageHide()
    else if (state.status === 'connected') void refreshPreseal()
  })

  attachPageHide()
  engine.start()

  return {
    pairingUri,
    walletLink,
    getState: engine.getState,
    watchState: engine.watchState,

    async connect(options) {
      const result = await request(
        'connect',
        {
          appName: parameters.app.name,
          appUrl: parameters.app.url,
          ...(parameters.app.icon === undefined ? {} : { appIcon: parameters.app.icon }),
          ...(parameters.cluster === undefined ? {} : { cluster: parameters.cluster }),
        },
        options,
      )
      const accounts = answerField(result, 'accounts', 'connect')
      if (!Array.isArray(accounts) || accounts.length === 0)
        throw new InvalidResponseError('The wallet answered "connect" without accounts.')
      for (const account of accounts) base58AnswerField(account, 'connect', 32)
      return { publicKey: accounts[0] as string, accounts: accounts as string[] }
    },

    request,

    async signMessage(message, options = {}) {
      const bytes = typeof message === 'string' ? utf8(message) : message
      const params = {
        message: encodeBase64(bytes),
        ...(options.display ? { display: options.display } : {}),
      }
      const result = await request('signMessage', params, options)
      return {
        signature: base58AnswerField(answerField(result, 'signature', 'signMessage'), 'signMessage', 64),
      }
    },

    async signTransaction(transaction, options) {
      const params = { transaction: encodeBase64(serializeTransaction(transaction)) }
      const result = await request('signTransaction', params, options)
      return {
        transaction: base64AnswerField(
          answerField(result, 'transaction', 'signTransaction'),
          'signTransaction',
        ),
      }
    },

    async signAllTransactions(transactions, options) {
      const params = {
        transactions: transactions.map((transaction) => encodeBase64(serializeTransaction(transaction))),
      }
      const result = await request('signAllTransactions', params, options)
      const signed = answerField(result, 'transactions', 'signAllTransactions')
      if (!Array.isArray(signed) || signed.length !== transactions.length)
        throw new InvalidResponseError(
          `The wallet answered "signAllTransactions" with ${Array.isArray(signed) ? signed.length : 'no'} transactions for ${transactions.length}.`,
        )
      return { transactions: signed.map((value) => base64AnswerField(value, 'signAllTransactions')) }
    },

    async signAndSendTransaction(transaction, options = {}) {
      const params = {
        transaction: encodeBase64(serializeTransaction(transaction)),
        ...(options.sendOptions ? { sendOptions: options.sendOptions } : {}),
      }
      const result = await request('signAndSendTransaction', params, options)
      const signature = answerField(result, 'signature', 'signAndSendTransaction')
      base58AnswerField(signature, 'signAndSendTransaction', 64)
      return { transactionSignature: signature as string }
    },

    wakeUp() {
      if (parameters.walletLinkBaseUrl === undefined)
        throw new WakeUpUnavailableError('wakeUp() needs the walletLinkBaseUrl option.')
      const link = buildWakeUpLink(parameters.walletLinkBaseUrl, channelId)
      const navigate = parameters.navigate ?? defaultOpenLink()
      if (!navigate)
        throw new WakeUpUnavailableError(
          'wakeUp() needs a browser or the navigate option to open the wake-up link.',
        )
      navigate(link)
    },

    async disconnect() {
      await engine.close('disconnected', { leave: true, terminate: true })
    },
  }
}

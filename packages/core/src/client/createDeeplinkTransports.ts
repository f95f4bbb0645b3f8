import { createDeeplinkClient } from '../deeplink/createDeeplinkClient.js'
import type { CreateDeeplinkClientParameters, DeeplinkClient } from '../deeplink/deeplinkClient.js'
import { replaceAnswerUrl } from '../deeplink/removeAnswerFromUrl.js'
import type { WalletProfile } from '../deeplink/walletProfile.js'
import type { JsonValue, WalletResponse, WalletResults } from '../deeplink/walletResponse.js'
import { TransactionSendError, UnknownWalletProfileError } from '../errors/client.js'
import { InvalidArgumentError } from '../errors/deeplink.js'
import type { SendSignedTransaction } from './sendSignedTransaction.js'
import type { DeeplinkTransports, SendOptions, TransportContext, WalletTransport } from './walletTransport.js'

/** Options of the deeplink side: `createDeeplinkClient`'s, for several wallet profiles. */
export type DeeplinkTransportsParameters = Omit<
  CreateDeeplinkClientParameters,
  'profile' | 'redirectLink'
> & {
  profiles: readonly WalletProfile[]
  /** Where wallets send their answers. Default: this page's URL without query or fragment. */
  redirectLink?: string | undefined
  /**
   * Sends a signed transaction through the dapp's RPC endpoint. With it, signAndSendTransaction on a wallet
   * that deprecates that deeplink (Phantom) signs by deeplink, then sends and confirms here.
   */
  sendSignedTransaction?: SendSignedTransaction | undefined
}

// Marks a signTransaction request that the dapp sends itself once signed; it rides in the stored context.
const sendAfterSign = 'dapplink.sendAfterSign'
type SendAfterSignContext = {
  [sendAfterSign]: { sendOptions?: SendOptions | undefined }
  context?: JsonValue | undefined
}
const isSendAfterSign = (context: unknown): context is SendAfterSignContext =>
  typeof context === 'object' && context !== null && sendAfterSign in context

/**
 * The deeplink side of the wallet client: one `createDeeplinkClient` per wallet profile, all on one storage
 * key, so the stored session and pending request are shared and any of them can read an answer.
 */
export function createDeeplinkTransports(
  parameters: DeeplinkTransportsParameters,
  context: TransportContext,
): DeeplinkTransports {
  const { profiles, sendSignedTransaction, ...options } = parameters
  /** The send started by the last signed answer of a sign-then-send request, for the promise in this page. */
  let lastSend: Promise<WalletResponse> | undefined
  const clients = new Map<string, DeeplinkClient>()
  const transports = new Map<string, WalletTransport>()
  const redirectLink = options.redirectLink ?? currentPage()

  function client(profileId: string): DeeplinkClient {
    let found = clients.get(profileId)
    if (found) return found
    const profile = profiles.find((candidate) => candidate.id === profileId)
    if (!profile)
      throw new UnknownWalletProfileError({ wallet: profileId, known: profiles.map(({ id }) => id) })
    found = createDeeplinkClient({ replaceUrl: replaceAnswerUrl, ...options, profile, redirectLink })
    found.watchState((state, previous) => {
      // The session went away without us (the wallet answered 4100 Unauthorized): the dapp is disconnected.
      if (previous.status === 'connected' && state.status === 'disconnected')
        context.update({ status: 'disconnected' })
    })
    clients.set(profileId, found)
    return found
  }

  /** Any client reads the shared storage; the one of the session's (or pending connect's) profile is best. */
  function anyClient(): DeeplinkClient {
    const first = client(profiles[0]!.id)
    const { wallet } = first.getState()
    return clients.has(wallet) || profiles.some(({ id }) => id === wallet) ? client(wallet) : first
  }

  function transport(profileId: string): WalletTransport {
    let found = transports.get(profileId)
    if (found) return found
    const deeplink = client(profileId)
    // A request still marked pending is one the user walked away from (back button, another tab): the
    // new request replaces it instead of failing with RequestPendingError.
    const fresh = () => {
      deeplink.cancelPendingRequest()
      return deeplink
    }
    found = {
      type: 'deeplink',
      async connect(options) {
        const { publicKey } = await fresh().connect(options)
        return { publicKey }
      },
      async disconnect(options = {}) {
        // Local by default: forgetting the session keeps the user on the page. notifyWallet sends the
        // disconnect deeplink, so the wallet drops the session token too (a round trip through the wallet).
        await fresh().disconnect({ notifyWallet: options.notifyWallet === true })
      },
      signMessage: (message, options) => fresh().signMessage(message, options),
      signTransaction: (transaction, options) => fresh().signTransaction(transaction, options),
      signAllTransactions: (transactions, options) => fresh().signAllTransactions(transactions, options),
      async signAndSendTransaction(transaction, options = {}) {
        const { sendOptions, context, useDeprecatedDeeplink } = options
        const wallet = profiles.find(({ id }) => id === deeplink.getState().wallet)
        if (
          !sendSignedTransaction ||
          useDeprecatedDeeplink ||
          !wallet?.deprecatedMethods.includes('signAndSendTransaction')
        )
          return fresh().signAndSendTransaction(transaction, { sendOptions, context })
        const marked: SendAfterSignContext = {
          [sendAfterSign]: { sendOptions },
          ...(context === undefined ? {} : { context }),
        }
        lastSend = undefined
        await fresh().signTransaction(transaction, { context: marked as JsonValue })
        // handleRedirect (in this page) started the send when it delivered the signed answer.
        const started = lastSend as Promise<WalletResponse> | undefined
        if (!started) throw new TransactionSendError('The signed transaction was not sent.')
        return (await started).result as WalletResults['signAndSendTransaction']
      },
      cancelPendingRequest: () => {
        deeplink.cancelPendingRequest()
      },
      // Nothing to free: no socket, and the stored state is shared with the other profiles (disconnect()
      // and the next request take care of it).
      destroy() {},
    }
    transports.set(profileId, found)
    return found
  }

  return {
    get: transport,
    restore() {
      const state = anyClient().getState()
      return state.status === 'connected' && state.publicKey
        ? { wallet: state.wallet, publicKey: state.publicKey }
        : null
    },
    pendingRequest() {
      const { pendingRequest, wallet } = anyClient().getState()
      return pendingRequest && { method: pendingRequest.method, wallet }
    },
    handleRedirect(url) {
      const response = anyClient().handleRedirect(url)
      if (response?.method === 'signTransaction' && isSendAfterSign(response.context)) {
        const { [sendAfterSign]: marker, context } = response.context
        const { requestId, wallet } = response
        lastSend = (async () => {
          if (!sendSignedTransaction)
            throw new TransactionSendError(
              'The wallet signed the transaction, but no rpcUrl is configured to send it.',
            )
          const transactionSignature = await sendSignedTransaction(
            response.result.transaction,
            marker.sendOptions,
          )
          return {
            method: 'signAndSendTransaction',
            requestId,
            wallet,
            context,
            result: { transactionSignature },
          }
        })()
        return lastSend
      }
      if (response?.method !== 'connect') return response
      // The wallet client hands out the account only, not the deeplink session token.
      return { ...response, result: { publicKey: response.result.publicKey } }
    },
  }
}

function currentPage(): string {
  const location = (globalThis as { window?: { location?: { origin?: string; pathname?: string } } }).window
    ?.location
  if (!location?.origin || location.origin === 'null') {
    throw new InvalidArgumentError('The deeplink redirect link is missing.', {
      details:
        "Outside a browser page, pass redirectLink to createWalletClient (e.g. 'https://dapp.example/wallet').",
    })
  }
  // Without the query: it may hold the previous answer, and wallets append theirs to this link.
  return `${location.origin}${location.pathname ?? '/'}`
}

import type { WalletRequest } from '@dapplink/wallet'
import type { DappInfo, WalletRelayRequest } from '@dapplink/wallet/relay'
import { summarizeTransaction, type TransactionSummary } from '../transaction/summarizeTransaction.js'

/** What the approve screen shows, the same for a deeplink and a relay request. */
export type ApprovalView = {
  method: string
  /** The dapp's name (relay), or the host of its URL (deeplinks carry no name). */
  appName: string
  appUrl: string | undefined
  /**
   * Whether the wallet checked who is asking: a deeplink whose answer goes back to `appUrl`'s origin.
   * False for relay dapps (name and URL are the dapp's own claims) and for custom-scheme deeplinks.
   */
  appVerified: boolean
  /** Why the identity is unverified, for the warning next to it. */
  unverifiedReason?: string | undefined
  cluster: string | undefined
  message: { text: string | undefined; hex: string; display: 'utf8' | 'hex' } | undefined
  /** One entry per transaction; undefined for one that cannot be read for display. */
  transactions: (TransactionSummary | undefined)[]
  /** Whether approving also sends the transaction to the cluster. */
  sends: boolean
  /** Relay only: the session's code, shown next to the request so the user can compare it with the app's. */
  verificationCode?: string | undefined
}

/**
 * Describes a parsed deeplink request for the approve screen.
 *
 * @example
 * renderApproval(describeDeeplinkRequest(await wallet.parse(location.href)))
 */
export function describeDeeplinkRequest(request: WalletRequest): ApprovalView {
  const base = {
    method: request.method,
    // A native app is known only by the scheme its answer goes to; its app_url is a claim.
    appName: request.appUrlVerified
      ? (hostOf(request.appUrl) ?? request.appUrl)
      : `${request.appIdentity}// app`,
    appUrl: request.appUrl,
    appVerified: request.appUrlVerified,
    unverifiedReason: request.appUrlVerified
      ? undefined
      : `The answer goes to whichever app handles ${request.appIdentity} links; the URL is its own claim.`,
    cluster: request.cluster,
    message: undefined,
    transactions: [],
    sends: false,
  }
  switch (request.method) {
    case 'connect':
    case 'disconnect':
      return base
    case 'signMessage':
      return { ...base, message: { text: request.text, hex: request.hex, display: request.display } }
    case 'signTransaction':
      return { ...base, transactions: [summarizeTransaction(request.transaction.bytes)] }
    case 'signAllTransactions':
      return {
        ...base,
        transactions: request.transactions.map((transaction) => summarizeTransaction(transaction.bytes)),
      }
    case 'signAndSendTransaction':
      return { ...base, transactions: [summarizeTransaction(request.transaction.bytes)], sends: true }
  }
}

/**
 * Describes a relay request for the approve screen. `dapp` is what the dapp says about itself (the pairing
 * URI's hints, then `connect`'s values): unverified claims, shown with a warning.
 */
export function describeRelayRequest(
  request: WalletRelayRequest,
  dapp: DappInfo,
  verificationCode?: string | undefined,
): ApprovalView {
  const appName = dapp.name ?? hostOf(dapp.url) ?? 'Unknown app'
  const base = {
    verificationCode,
    method: request.method,
    appName,
    appUrl: dapp.url,
    appVerified: false,
    unverifiedReason:
      'The app chose this name and address itself; dapplink cannot check them. Compare the code with the app.',
    cluster: undefined,
    message: undefined,
    transactions: [],
    sends: false,
  }
  switch (request.method) {
    case 'connect':
      // The connect request's values replace the QR hints, but they are claims too (docs/security.md).
      return {
        ...base,
        appName: request.params.appName,
        appUrl: request.params.appUrl,
        cluster: request.params.cluster,
      }
    case 'signMessage': {
      const { text, hex, display } = request.params
      return { ...base, message: { text, hex, display } }
    }
    case 'signTransaction':
      return { ...base, transactions: [summarizeTransaction(request.params.transaction)] }
    case 'signAllTransactions':
      return {
        ...base,
        transactions: request.params.transactions.map((bytes) => summarizeTransaction(bytes)),
      }
    case 'signAndSendTransaction':
      return { ...base, transactions: [summarizeTransaction(request.params.transaction)], sends: true }
    case 'disconnect':
      return base
    case 'request':
      return { ...base, method: `request: ${request.params.method}` }
  }
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  try {
    return new URL(url).host || undefined
  } catch {
    return undefined
  }
}

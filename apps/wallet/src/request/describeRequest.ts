import type { WalletRequest } from '@dapplink/wallet'
import type { DappInfo, WalletRelayRequest } from '@dapplink/wallet/relay'
import { summarizeTransaction, type TransactionSummary } from '../transaction/summarizeTransaction.js'

/** What the approve screen shows, the same for a deeplink and a relay request. */
export type ApprovalView = {
  method: string
  /** The dapp's name (relay), or the host of its URL (deeplinks carry no name). */
  appName: string
  appUrl: string | undefined
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
    appName: hostOf(request.appUrl) ?? request.appUrl,
    appUrl: request.appUrl,
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
 * Describes a relay request for the approve screen. `dapp` is what the session knows about the dapp: the
 * pairing URI's hints until `connect` brings the authoritative name and URL.
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
    cluster: undefined,
    message: undefined,
    transactions: [],
    sends: false,
  }
  switch (request.method) {
    case 'connect':
      // The connect request's values are authoritative (docs/protocol.md section 2).
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

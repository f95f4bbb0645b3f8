import type { MwpWalletRequest } from '@dapplink/wallet/metamask'
import { summarizeTransaction } from '../transaction/summarizeTransaction.js'
import type { ApprovalView } from './describeRequest.js'

/** Describes a MetaMask-protocol (MWP) request for the same approve screen as deeplinks and relay requests. */
export function describeMwpRequest(request: MwpWalletRequest): ApprovalView {
  const base: ApprovalView = {
    method: request.kind,
    appName: request.dapp.name,
    appUrl: request.dapp.url,
    // MWP metadata is the dapp's own claim, like a relay dapp's (docs/security.md).
    appVerified: false,
    unverifiedReason: 'The app chose this name and address itself; the MetaMask protocol cannot check them.',
    cluster: 'scope' in request ? request.scope : undefined,
    message: undefined,
    transactions: [],
    sends: false,
  }
  switch (request.kind) {
    case 'createSession':
      return { ...base, method: 'connect (MetaMask)', cluster: Object.keys(request.sessionScopes).join(', ') }
    case 'signMessage':
    case 'personalSign':
      return { ...base, message: describeMessage(request.message) }
    case 'signIn':
      return { ...base, message: describeMessage(new TextEncoder().encode(request.text)) }
    case 'signTransaction':
      return { ...base, transactions: [summarizeTransaction(request.transaction)] }
    case 'signAndSendTransaction':
      return { ...base, transactions: [summarizeTransaction(request.transaction)], sends: true }
  }
}

function describeMessage(bytes: Uint8Array): NonNullable<ApprovalView['message']> {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), hex, display: 'utf8' }
  } catch {
    return { text: undefined, hex, display: 'hex' }
  }
}

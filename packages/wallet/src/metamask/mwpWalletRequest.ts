import type { SessionScope } from './multichainSession.js'
import type { MwpDappMetadata } from './parseMwpLink.js'
import type { SiwsInput } from './siwsMessage.js'

/**
 * A request the wallet's user must approve, passed to `onRequest`. Every signature and every new
 * session goes through it: there is no approve-by-default.
 */
export type MwpWalletRequest =
  | { kind: 'createSession'; dapp: MwpDappMetadata; sessionScopes: Record<string, SessionScope> }
  | { kind: 'signMessage'; dapp: MwpDappMetadata; scope: string; address: string; message: Uint8Array }
  | {
      kind: 'signTransaction'
      dapp: MwpDappMetadata
      scope: string
      address: string
      transaction: Uint8Array
    }
  | {
      kind: 'signAndSendTransaction'
      dapp: MwpDappMetadata
      scope: string
      address: string
      transaction: Uint8Array
    }
  | { kind: 'signIn'; dapp: MwpDappMetadata; scope: string; address: string; input: SiwsInput; text: string }
  | { kind: 'personalSign'; dapp: MwpDappMetadata; address: string; message: Uint8Array }

/** The wallet's decision on a request: true approves, false rejects (the dapp gets 4001). */
export type MwpRequestHandler = (request: MwpWalletRequest) => boolean | Promise<boolean>

/**
 * Sends a signed Solana transaction (e.g. `connection.sendRawTransaction`) and returns its base58
 * signature. Without one, `signAndSendTransaction` is answered with an error.
 */
export type MwpTransactionSender = (signedTransaction: Uint8Array, scope: string) => Promise<string>

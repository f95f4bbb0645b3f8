import { InvalidResponseError } from '../errors/deeplink.js'
import { base64ToBytes } from './base64.js'
import type { MetamaskSession } from './createMetamaskSession.js'
import {
  invokeSolana,
  readSignature,
  readSignedTransaction,
  readTransactionSignature,
  scopeAddresses,
  signMessageParams,
  solanaScopes,
  transactionParams,
} from './multichainApi.js'
import type { RequestOptions } from './pendingRequests.js'

// Solana through `wallet_invokeMethod`, with the result shapes of MetaMask's Solana snap.

/** The Solana account a session uses: its scope and address. */
export type SolanaAccount = { scope: string; address: string }

/** The session's first Solana account, mainnet before devnet before testnet (as MetaMask's wallet-standard). */
export function pickSolanaAccount(
  session: MetamaskSession,
  preferredScope?: string,
): SolanaAccount | undefined {
  const scopes = session.getState().sessionScopes
  const order = [preferredScope, ...Object.values(solanaScopes)].filter((scope): scope is string => !!scope)
  for (const scope of order) {
    const [address] = scopeAddresses(scopes, scope)
    if (address) return { scope, address }
  }
  return undefined
}

/** Signs a message; resolves with the 64-byte ed25519 signature. The snap refuses 1–2 byte messages. */
export async function signSolanaMessage(
  session: MetamaskSession,
  { scope, address }: SolanaAccount,
  message: Uint8Array,
  options?: RequestOptions,
): Promise<Uint8Array> {
  const params = invokeSolana(scope, 'signMessage', signMessageParams(address, message))
  return readSignature(await session.request('wallet_invokeMethod', params, options))
}

/** Signs a transaction; an unsigned one comes back recompiled (fee payer, blockhash, compute budget). */
export async function signSolanaTransaction(
  session: MetamaskSession,
  { scope, address }: SolanaAccount,
  transaction: Uint8Array,
  options?: RequestOptions,
): Promise<Uint8Array> {
  const params = invokeSolana(scope, 'signTransaction', transactionParams(scope, address, transaction))
  return readSignedTransaction(await session.request('wallet_invokeMethod', params, options))
}

/** Signs several transactions, one `signTransaction` each: MetaMask's Multichain API has no batch method. */
export async function signAllSolanaTransactions(
  session: MetamaskSession,
  account: SolanaAccount,
  transactions: Uint8Array[],
  options?: RequestOptions,
): Promise<Uint8Array[]> {
  const signed: Uint8Array[] = []
  for (const transaction of transactions)
    signed.push(await signSolanaTransaction(session, account, transaction, options))
  return signed
}

/** Signs and submits a transaction; resolves with its base58 signature. */
export async function signAndSendSolanaTransaction(
  session: MetamaskSession,
  { scope, address }: SolanaAccount,
  transaction: Uint8Array,
  sendOptions?: Record<string, unknown>,
  options?: RequestOptions,
): Promise<string> {
  const params = invokeSolana(
    scope,
    'signAndSendTransaction',
    transactionParams(scope, address, transaction, sendOptions),
  )
  return readTransactionSignature(await session.request('wallet_invokeMethod', params, options))
}

/** Sign In With Solana input (the fields the dapp sets; `domain` and `address` default to the page and account). */
export type SolanaSignInInput = {
  domain?: string
  address?: string
  statement?: string
  nonce?: string
} & Record<string, unknown>

/** Sign In With Solana; resolves with the signed message and its signature. */
export async function signInWithSolana(
  session: MetamaskSession,
  { scope, address }: SolanaAccount,
  input: SolanaSignInInput,
  options?: RequestOptions,
): Promise<{ address: string; signedMessage: Uint8Array; signature: Uint8Array }> {
  const domain = input.domain ?? (typeof location === 'undefined' ? undefined : location.host)
  const params = invokeSolana(scope, 'signIn', { ...input, domain, address: input.address ?? address })
  const result = (await session.request('wallet_invokeMethod', params, options)) as {
    signedMessage?: unknown
    account?: { address?: unknown }
  }
  const signature = readSignature(result)
  let signedMessage: Uint8Array
  try {
    signedMessage = base64ToBytes(String(result?.signedMessage))
  } catch (cause) {
    throw new InvalidResponseError('The signIn answer has no base64 signedMessage.', { cause })
  }
  const signer = typeof result.account?.address === 'string' ? result.account.address : address
  return { address: signer, signedMessage, signature }
}

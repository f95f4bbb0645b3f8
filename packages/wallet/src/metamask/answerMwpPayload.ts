import { decodeBase64, encodeBase64 } from '@dapplink/core/relay'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { isTransactionMessage } from '../transaction/parseTransactionWire.js'
import { MwpSenderMissingError } from './errors.js'
import { personalSign, personalSignMessageBytes } from './evmSigner.js'
import {
  approveSession,
  authorizeInvoke,
  getSessionResult,
  type MultichainSessionState,
  proposeSession,
  type RpcError,
  type WalletCapabilities,
} from './multichainSession.js'
import type { MwpRequestHandler, MwpTransactionSender, MwpWalletRequest } from './mwpWalletRequest.js'
import type { MwpDappMetadata } from './parseMwpLink.js'
import { createSiwsMessageText, type SiwsInput } from './siwsMessage.js'
import { signSolanaMessage, signSolanaTransaction } from './solanaSigner.js'

/** The payload names of MetaMask's two RPC streams. */
export const multichainProvider = 'metamask-multichain-provider'
export const evmProvider = 'metamask-provider'

/** What answering needs: keys, the user's decision, the session state. */
export type MwpAnswerContext = {
  dapp: MwpDappMetadata
  capabilities: WalletCapabilities
  /** base58 address → 64-byte ed25519 secret key. */
  solanaKeys: ReadonlyMap<string, Uint8Array>
  evm?: { address: string; secretKey: Uint8Array; chainId: number } | undefined
  onRequest: MwpRequestHandler
  sendTransaction?: MwpTransactionSender | undefined
  getState(): MultichainSessionState
  setState(state: MultichainSessionState): void
  /** Told of wallet-side failures (e.g. {@link MwpSenderMissingError}) besides the dapp's error answer. */
  reportError?: ((error: Error) => void) | undefined
}

type JsonRpcRequest = { id: string | number; method: string; params: unknown }

const userRejected: RpcError = { code: 4001, message: 'User rejected the request.' }
const maxMessageBytes = 65_536
const maxTransactionBytes = 1_232

class RpcFailure extends Error {
  constructor(readonly error: RpcError) {
    super(error.message)
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Answers one payload from the dapp: a JSON-RPC request on `metamask-multichain-provider`
 * (Multichain API) or `metamask-provider` (EIP-1193). Returns the payloads to send back (the
 * response, then any notification). A payload that is no request is dropped (empty list); a
 * request with an id always gets an answer, an error if need be.
 */
export async function answerMwpPayload(payload: unknown, context: MwpAnswerContext): Promise<unknown[]> {
  if (!isRecord(payload) || (payload['name'] !== multichainProvider && payload['name'] !== evmProvider))
    return []
  const name = payload['name']
  const data = payload['data']
  if (!isRecord(data)) return []
  const id = data['id']
  // A notification (no id) from the dapp needs no answer.
  if (typeof id !== 'string' && typeof id !== 'number') return []
  const respond = (body: { result: unknown } | { error: RpcError }) => ({
    name,
    data: { jsonrpc: '2.0', id, ...body },
  })
  if (typeof data['method'] !== 'string') {
    return [respond({ error: { code: -32600, message: 'Invalid request: method must be a string' } })]
  }
  const request: JsonRpcRequest = { id, method: data['method'], params: data['params'] }
  try {
    const result =
      name === multichainProvider
        ? await answerMultichain(request, context)
        : await answerEvm(request, context)
    return [respond({ result })]
  } catch (error) {
    if (error instanceof RpcFailure) return [respond({ error: error.error })]
    context.reportError?.(error instanceof Error ? error : new Error(String(error)))
    if (error instanceof MwpSenderMissingError)
      return [respond({ error: { code: -32603, message: error.shortMessage } })]
    return [respond({ error: { code: -32603, message: 'Internal error' } })]
  }
}

async function approve(context: MwpAnswerContext, request: MwpWalletRequest): Promise<void> {
  // Only an explicit `true` approves.
  if ((await context.onRequest(request)) !== true) throw new RpcFailure(userRejected)
}

async function answerMultichain(request: JsonRpcRequest, context: MwpAnswerContext): Promise<unknown> {
  switch (request.method) {
    case 'wallet_createSession': {
      const proposal = proposeSession(request.params, context.capabilities)
      if (proposal.kind === 'error') throw new RpcFailure(proposal.error)
      await approve(context, {
        kind: 'createSession',
        dapp: context.dapp,
        sessionScopes: proposal.sessionScopes,
      })
      context.setState(approveSession(proposal))
      return { sessionScopes: proposal.sessionScopes, sessionProperties: proposal.sessionProperties }
    }
    case 'wallet_getSession':
      return getSessionResult(context.getState())
    case 'wallet_revokeSession':
      context.setState({ step: 'none' })
      return true
    case 'wallet_invokeMethod': {
      const call = authorizeInvoke(context.getState(), request.params)
      if (call.kind === 'error') throw new RpcFailure(call.error)
      if (call.scope.startsWith('solana:')) return answerSolana(call, context)
      return answerEvm({ id: request.id, method: call.method, params: call.params }, context)
    }
    default:
      throw new RpcFailure({
        code: -32601,
        message: `The method ${request.method} does not exist / is not available.`,
      })
  }
}

type SolanaCall = { scope: string; method: string; params: unknown; accounts: string[] }

async function answerSolana(call: SolanaCall, context: MwpAnswerContext): Promise<unknown> {
  const params = isRecord(call.params) ? call.params : invalid(`${call.method} takes an object`)
  const dapp = context.dapp
  const scope = call.scope
  if (call.method === 'signIn') {
    const address = typeof params['address'] === 'string' ? params['address'] : (call.accounts[0] ?? '')
    const secretKey = solanaKey(context, call, address)
    if (typeof params['domain'] !== 'string' || params['domain'] === '') invalid('signIn needs a domain')
    const input = params as SiwsInput
    let text: string
    try {
      text = createSiwsMessageText({ ...input, address })
    } catch (error) {
      return invalid(error instanceof Error ? error.message : 'bad sign-in input')
    }
    await approve(context, { kind: 'signIn', dapp, scope, address, input, text })
    const signed = signSolanaMessage(secretKey, new TextEncoder().encode(text))
    return { account: { address }, ...signed }
  }
  const account = params['account']
  const address =
    isRecord(account) && typeof account['address'] === 'string'
      ? account['address']
      : invalid('account.address is missing')
  const secretKey = solanaKey(context, call, address)
  if (call.method === 'signMessage') {
    const message = base64Param(params['message'], 'message', maxMessageBytes)
    // MetaMask's snap refuses 1–2 byte messages too.
    if (message.length < 3) invalid('the message must be at least 3 bytes')
    // The check the deeplink and relay wallets run too (readSignableMessage): a signature over a
    // transaction message authorizes the transaction.
    if (isTransactionMessage(message))
      invalid('the message is a Solana transaction message; ask for signTransaction instead')
    await approve(context, { kind: 'signMessage', dapp, scope, address, message })
    return signSolanaMessage(secretKey, message)
  }
  const transaction = base64Param(params['transaction'], 'transaction', maxTransactionBytes)
  const kind = call.method === 'signTransaction' ? 'signTransaction' : 'signAndSendTransaction'
  let signed: Uint8Array
  try {
    signed = signSolanaTransaction(secretKey, transaction)
  } catch (error) {
    return invalid(
      error instanceof Error ? (error.message.split('\n')[0] ?? 'bad transaction') : 'bad transaction',
    )
  }
  if (kind === 'signAndSendTransaction' && !context.sendTransaction) throw new MwpSenderMissingError()
  await approve(context, { kind, dapp, scope, address, transaction })
  if (kind === 'signTransaction') return { signedTransaction: encodeBase64(signed) }
  let signature: string
  try {
    signature = await (context.sendTransaction as MwpTransactionSender)(signed, scope)
  } catch (error) {
    throw new RpcFailure({
      code: -32003,
      message: `Transaction rejected: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    })
  }
  return { signature }
}

async function answerEvm(request: JsonRpcRequest, context: MwpAnswerContext): Promise<unknown> {
  const evm = context.evm
  const state = context.getState()
  const evmGranted =
    state.step === 'active' && Object.keys(state.sessionScopes).some((scope) => scope.startsWith('eip155:'))
  switch (request.method) {
    case 'eth_chainId':
      return `0x${(evm?.chainId ?? 1).toString(16)}`
    case 'eth_accounts':
      return evm && evmGranted ? [evm.address] : []
    case 'eth_requestAccounts': {
      if (!evm) throw new RpcFailure({ code: 4100, message: 'This wallet has no EVM account.' })
      if (evmGranted) return [evm.address]
      const proposal = proposeSession(
        { optionalScopes: { [`eip155:${evm.chainId}`]: {} } },
        context.capabilities,
      )
      if (proposal.kind === 'error') throw new RpcFailure(proposal.error)
      await approve(context, {
        kind: 'createSession',
        dapp: context.dapp,
        sessionScopes: proposal.sessionScopes,
      })
      const previous = state.step === 'active' ? state.sessionScopes : {}
      context.setState({
        step: 'active',
        sessionScopes: { ...previous, ...proposal.sessionScopes },
        sessionProperties: state.step === 'active' ? state.sessionProperties : {},
      })
      return [evm.address]
    }
    case 'personal_sign': {
      if (!evm || !evmGranted)
        throw new RpcFailure({ code: 4100, message: 'Call eth_requestAccounts first.' })
      const params = Array.isArray(request.params)
        ? request.params
        : invalid('personal_sign takes [message, address]')
      const [message, address] = params
      if (typeof message !== 'string' || typeof address !== 'string')
        invalid('personal_sign takes [message, address]')
      if (address.toLowerCase() !== evm.address.toLowerCase()) {
        throw new RpcFailure({ code: 4100, message: `The account ${address} is not authorized.` })
      }
      const bytes = personalSignMessageBytes(message)
      if (bytes.length > maxMessageBytes) invalid(`the message is over ${maxMessageBytes} bytes`)
      await approve(context, {
        kind: 'personalSign',
        dapp: context.dapp,
        address: evm.address,
        message: bytes,
      })
      return personalSign(evm.secretKey, bytes)
    }
    default:
      throw new RpcFailure({
        code: -32601,
        message: `The method ${request.method} does not exist / is not available.`,
      })
  }
}

function solanaKey(context: MwpAnswerContext, call: SolanaCall, address: string): Uint8Array {
  const secretKey = call.accounts.includes(address) ? context.solanaKeys.get(address) : undefined
  if (!secretKey)
    throw new RpcFailure({ code: 4100, message: `The account ${address} is not in this session.` })
  // The key map is built from the keys themselves; checked anyway, a wrong key would sign for another address.
  if (bs58.encode(nacl.sign.keyPair.fromSecretKey(secretKey).publicKey) !== address) {
    throw new RpcFailure({ code: -32603, message: 'Internal error' })
  }
  return secretKey
}

function base64Param(value: unknown, name: string, maxBytes: number): Uint8Array {
  const bytes =
    typeof value === 'string' && value.length <= Math.ceil(maxBytes / 3) * 4 ? decodeBase64(value) : undefined
  if (!bytes) return invalid(`${name} must be base64 of at most ${maxBytes} bytes`)
  return bytes
}

function invalid(message: string): never {
  throw new RpcFailure({ code: -32602, message: `Invalid params: ${message}` })
}

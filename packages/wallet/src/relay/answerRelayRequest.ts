import {
  checkRequestDeadline,
  encodeBase64,
  type JsonRpcErrorObject,
  type JsonRpcRequest,
  type JsonRpcResponse,
  type SessionTimers,
} from '@dapplink/core/relay'
import bs58 from 'bs58'
import nacl from 'tweetnacl'
import { isDeeplinkErrorCode } from '../errors/codes.js'
import { RequestDeadlineError } from '../errors/RequestDeadlineError.js'
import { MethodNotFoundError, UnauthorizedError, WalletRequestError } from '../errors/walletRequestError.js'
import { signTransactionBytes } from '../transaction/signTransactionBytes.js'
import type { DappInfo, PairWithDappParameters, WalletRelayHandlers } from './pairWithDapp.js'
import { parseWalletRelayRequest, type WalletRelayRequest } from './walletRelayRequest.js'

export type RelayRequestAnswererParameters = {
  account: nacl.SignKeyPair
  handlers: WalletRelayHandlers
  onRequest: PairWithDappParameters['onRequest']
  /** The dapp's self-description; `connect` updates it. */
  dapp: DappInfo
  verificationCode: () => string
  /** The wallet's clock (ms since the epoch), for request deadlines. */
  timers: Pick<SessionTimers, 'now' | 'setTimeout' | 'clearTimeout'>
  /** Seals the answer for the dapp. */
  send: (response: JsonRpcResponse) => Promise<unknown>
  /** Told of each request refused for its deadline (the wallet app's `onError`). */
  onDeadlineRefused?: ((error: RequestDeadlineError) => void) | undefined
}

/**
 * The wallet's answer to one dapp request (docs/protocol.md section 6): checks the deadline, validates, asks
 * `onRequest`, executes, answers. A request whose `signal` aborts (the dapp cancelled it, the session ended)
 * is never executed nor answered; one whose deadline passes during approval is refused.
 */
export function createRelayRequestAnswerer(parameters: RelayRequestAnswererParameters) {
  const { account, handlers, onRequest, dapp, timers } = parameters
  let authorized = false

  async function answer(request: JsonRpcRequest, signal: AbortSignal): Promise<void> {
    let response: { result: unknown } | { error: JsonRpcErrorObject }
    try {
      const check = checkRequestDeadline(request.deadline, timers.now())
      if (!check.ok) throw new RequestDeadlineError(check.problem, check.shortMessage)
      const parsed = parseWalletRelayRequest(request)
      if (parsed.method !== 'connect' && parsed.method !== 'disconnect' && !authorized)
        throw new UnauthorizedError('The dapp must connect before it sends requests.')
      const approved =
        parsed.method === 'disconnect' ||
        (await approve(parsed, request.deadline as number, check.remainingMs, signal))
      if (!approved) response = { error: { code: 4001, message: 'User rejected the request.' } }
      else response = { result: await execute(parsed) }
    } catch (error) {
      // Cancelled by the dapp, or the session ended: the dapp waits for no answer.
      if (signal.aborted && error === signal.reason) return
      if (error instanceof RequestDeadlineError) parameters.onDeadlineRefused?.(error)
      response = { error: toRpcError(error) }
    }
    await parameters.send({ jsonrpc: '2.0', id: request.id, ...response }).catch(() => {})
  }

  /** `onRequest` with a signal that aborts on a cancel, the session's end, or the deadline. */
  async function approve(
    request: WalletRelayRequest,
    deadline: number,
    remainingMs: number,
    cancelled: AbortSignal,
  ): Promise<boolean> {
    // Cancelled already (the user never sees it): the caller drops it silently.
    if (cancelled.aborted) throw cancelled.reason
    const approval = new AbortController()
    const withdrawn = new Promise<never>((_, reject) => {
      approval.signal.addEventListener('abort', () => reject(approval.signal.reason), { once: true })
    })
    withdrawn.catch(() => {})
    const forward = () => approval.abort(cancelled.reason)
    cancelled.addEventListener('abort', forward, { once: true })
    const timer = timers.setTimeout(
      () =>
        approval.abort(
          new RequestDeadlineError('expired', 'The request expired while it waited for approval.'),
        ),
      remainingMs,
    )
    try {
      const context = {
        dapp,
        verificationCode: parameters.verificationCode(),
        signal: approval.signal,
        deadline,
      }
      const approved = await Promise.race([onRequest(request, context), withdrawn])
      // An answer given after the withdrawal does not count.
      if (approval.signal.aborted) throw approval.signal.reason
      return approved === true
    } finally {
      timers.clearTimeout(timer)
      cancelled.removeEventListener('abort', forward)
    }
  }

  async function execute(request: WalletRelayRequest): Promise<unknown> {
    switch (request.method) {
      case 'connect': {
        dapp.name = request.params.appName
        dapp.url = request.params.appUrl
        dapp.icon = request.params.appIcon
        const result = handlers.connect
          ? await handlers.connect(request.params)
          : { accounts: [bs58.encode(account.publicKey)] }
        authorized = true
        return result
      }
      case 'signMessage': {
        const { message, display } = request.params
        const signature = handlers.signMessage
          ? await handlers.signMessage(message, display)
          : nacl.sign.detached(message, account.secretKey)
        return { signature: bs58.encode(signature) }
      }
      case 'signTransaction':
        return { transaction: encodeBase64(await sign(request.params.transaction)) }
      case 'signAllTransactions': {
        const signed: string[] = []
        for (const transaction of request.params.transactions)
          signed.push(encodeBase64(await sign(transaction)))
        return { transactions: signed }
      }
      case 'signAndSendTransaction': {
        if (!handlers.sendTransaction)
          throw new MethodNotFoundError('This wallet cannot send transactions (no sendTransaction handler).')
        const signed = await sign(request.params.transaction)
        return { signature: await handlers.sendTransaction(signed, request.params.sendOptions) }
      }
      case 'disconnect':
        authorized = false
        return {}
      case 'request':
        if (!handlers.request)
          throw new MethodNotFoundError(
            `This wallet does not answer "${request.params.method.slice(0, 40)}".`,
          )
        return await handlers.request(request.params.method, request.params.params)
    }
  }

  async function sign(transaction: Uint8Array): Promise<Uint8Array> {
    if (handlers.signTransaction) return handlers.signTransaction(transaction)
    return signTransactionBytes(transaction, account.secretKey)
  }

  return answer
}

/** The JSON-RPC error for a thrown error: its protocol code when it has one, else -32603 without internals. */
function toRpcError(error: unknown): JsonRpcErrorObject {
  if (error instanceof WalletRequestError) return { code: error.code, message: error.shortMessage }
  const code = (error as { code?: unknown } | null)?.code
  if (isDeeplinkErrorCode(code)) {
    const message = (error as { shortMessage?: unknown }).shortMessage
    return { code, message: typeof message === 'string' ? message : 'The wallet refused the request.' }
  }
  return { code: -32603, message: 'The wallet failed to handle the request.' }
}

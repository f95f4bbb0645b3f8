import {
  createDeeplinkWallet,
  type DeeplinkWallet,
  ReplayError,
  type WalletRequest,
  WalletRequestError,
} from '@dapplink/wallet'
import { createAnsweredNonceLog } from '../deeplink/createAnsweredNonceLog.js'
import { createStorageSessionStore } from '../deeplink/createStorageSessionStore.js'
import { describeDeeplinkRequest } from '../request/describeRequest.js'
import { h, replaceChildren } from '../ui/h.js'
import { renderApproval } from '../ui/renderApproval.js'
import { renderError } from '../ui/renderError.js'
import { sendAndConfirm } from './sendAndConfirm.js'
import type { WalletContext } from './walletContext.js'

/** The connect answer's key parameter: the reference wallet answers like Phantom. */
export const encryptionParam = 'phantom_encryption_public_key'

/**
 * Answers the deeplink request in `url`: parses it, shows it in `area` with Approve / Reject, then leaves
 * the page for the dapp's redirect link with the encrypted answer. Errors the dapp should hear about are
 * shown with a button that returns the error to the dapp.
 */
export async function answerDeeplink(url: string, context: WalletContext, area: HTMLElement): Promise<void> {
  const { setStatus } = context
  const answered = createAnsweredNonceLog(context.storage)
  const nonce = new URL(url).searchParams.get('nonce')
  const wallet = createDeeplinkWallet({
    account: context.account,
    baseUrl: context.baseUrl,
    encryptionParam,
    // Each deeplink opens a new page: the per-dapp x25519 keys must outlive this one.
    sessions: createStorageSessionStore(context.storage),
    sendTransaction: (signedTransaction, sendOptions) =>
      sendAndConfirm({ rpc: context.rpc, signedTransaction, sendOptions, setStatus }),
  })

  const leave = (redirectUrl: string) => {
    if (nonce !== null) answered.add(nonce)
    setStatus('Returning to the app…')
    replaceChildren(area, h('p', { class: 'card hint', testid: 'redirecting' }, 'Returning to the app…'))
    context.navigate(redirectUrl)
  }

  let request: WalletRequest
  try {
    setStatus('Reading the request…')
    request = await wallet.parse(url)
    if (nonce !== null && answered.has(nonce))
      throw new ReplayError('This request was already answered.', {
        details: 'The link was opened again (history, back button); the app must send a new request.',
        redirectLink: request.redirectLink,
      })
  } catch (error) {
    showFailure(error, wallet, area, leave, setStatus)
    return
  }

  setStatus(`The app asks: ${request.method}`)
  replaceChildren(
    area,
    renderApproval({
      view: describeDeeplinkRequest(request),
      rpcUrl: context.rpc.url,
      onApprove: async () => {
        try {
          setStatus('Approving…')
          const redirectUrl = await wallet.approve(request)
          leave(redirectUrl)
        } catch (error) {
          showFailure(error, wallet, area, leave, setStatus)
        }
      },
      onReject: () => leave(wallet.reject(request)),
    }),
  )
}

function showFailure(
  error: unknown,
  wallet: DeeplinkWallet,
  area: HTMLElement,
  leave: (url: string) => void,
  setStatus: WalletContext['setStatus'],
): void {
  const returnUrl = wallet.rejectError(error)
  setStatus(error instanceof WalletRequestError ? error.shortMessage : 'The request failed.', 'error')
  replaceChildren(area, renderError({ error, onReturn: returnUrl ? () => leave(returnUrl) : undefined }))
}

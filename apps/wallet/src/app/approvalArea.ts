import type { ApprovalView } from '../request/describeRequest.js'
import { h, replaceChildren } from '../ui/h.js'
import { renderApproval } from '../ui/renderApproval.js'
import type { StatusTone } from './walletContext.js'

export type CreateApprovalAreaParameters = {
  /** The RPC node a sent transaction goes to, named in the approval. */
  rpcUrl: string
  setStatus: (text: string, tone?: StatusTone) => void
}

export type ApprovalArea = {
  element: HTMLElement
  /** Shows `view` and resolves with the user's answer; a newer request withdraws this one (false). */
  askApproval: (view: ApprovalView) => Promise<boolean>
  /** Withdraws the request on screen, if any (it resolves false, and the status line is left to the caller). */
  cancelApproval: () => void
}

/** One request area, shared by deeplink, relay and MetaMask approvals (the kit asks one at a time). */
export function createApprovalArea({ rpcUrl, setStatus }: CreateApprovalAreaParameters): ApprovalArea {
  const element = h('div', { class: 'request-area', testid: 'request-area' })
  let pendingAnswer: ((approved: boolean, by?: 'user' | 'withdrawn') => void) | undefined
  const askApproval = (view: ApprovalView) =>
    new Promise<boolean>((resolve) => {
      pendingAnswer?.(false, 'withdrawn')
      const settle = (approved: boolean, by: 'user' | 'withdrawn' = 'user') => {
        pendingAnswer = undefined
        replaceChildren(element)
        // A withdrawn request (the session ended under it) is no rejection: the caller says what happened.
        if (by === 'user') setStatus(approved ? 'Approved.' : 'Rejected.', approved ? 'success' : 'info')
        resolve(approved)
      }
      pendingAnswer = settle
      setStatus(`${view.appName} asks: ${view.method}`)
      replaceChildren(
        element,
        renderApproval({
          view,
          rpcUrl,
          onApprove: () => settle(true),
          onReject: () => settle(false),
        }),
      )
    })
  const cancelApproval = () => pendingAnswer?.(false, 'withdrawn')
  return { element, askApproval, cancelApproval }
}

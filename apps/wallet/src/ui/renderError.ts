import { DapplinkError } from '@dapplink/core'
import { h } from './h.js'

export type RenderErrorParameters = {
  error: unknown
  /** Sends the error back to the dapp; without it there is nowhere safe to answer. */
  onReturn?: (() => void) | undefined
}

/** An error card: what happened, what to do, and (when the dapp can be told) a button to return to it. */
export function renderError(parameters: RenderErrorParameters): HTMLElement {
  const { error, onReturn } = parameters
  const title = error instanceof DapplinkError ? error.shortMessage : 'Something went wrong.'
  const details = error instanceof DapplinkError ? error.details : undefined
  const code = error instanceof DapplinkError ? error.code : undefined
  return h(
    'section',
    { class: 'card error', testid: 'error', 'data-code': code },
    h('h2', {}, 'The request cannot be answered'),
    h('p', { testid: 'error-message' }, title),
    details && h('p', { class: 'hint', testid: 'error-details' }, details),
    onReturn
      ? h(
          'button',
          { class: 'primary', testid: 'return-to-app', type: 'button', onclick: onReturn },
          'Return to the app',
        )
      : h('p', { class: 'hint' }, 'The request has no valid return link, so the app cannot be told.'),
  )
}

import type { ApprovalView } from '../request/describeRequest.js'
import { formatLamports } from '../transaction/formatLamports.js'
import type { TransactionSummary } from '../transaction/summarizeTransaction.js'
import { h } from './h.js'

export type RenderApprovalParameters = {
  view: ApprovalView
  /** Where an approved signAndSendTransaction goes, shown so the user knows which cluster pays. */
  rpcUrl: string
  onApprove: () => void
  onReject: () => void
}

const titles: Record<string, string> = {
  connect: 'Connect to this app?',
  disconnect: 'Disconnect from this app?',
  signMessage: 'Sign this message?',
  signTransaction: 'Sign this transaction?',
  signAllTransactions: 'Sign these transactions?',
  signAndSendTransaction: 'Sign and send this transaction?',
}

/**
 * The approve screen of one request: the app, what it asks, Approve and Reject. Both buttons disable
 * themselves on the first click so a request is answered once.
 */
export function renderApproval(parameters: RenderApprovalParameters): HTMLElement {
  const { view, rpcUrl } = parameters
  const approve = h('button', { class: 'primary', testid: 'approve', type: 'button' }, 'Approve')
  const reject = h('button', { class: 'secondary', testid: 'reject', type: 'button' }, 'Reject')
  const answer = (callback: () => void) => () => {
    approve.disabled = true
    reject.disabled = true
    callback()
  }
  approve.addEventListener('click', answer(parameters.onApprove))
  reject.addEventListener('click', answer(parameters.onReject))

  return h(
    'section',
    { class: 'card request', testid: 'request', 'data-method': view.method },
    h('h2', { testid: 'request-title' }, titles[view.method] ?? `Answer "${view.method}"?`),
    h(
      'div',
      { class: 'app' },
      h('div', { class: 'app-name', testid: 'app-name' }, view.appName),
      view.appUrl && h('div', { class: 'app-url mono', testid: 'app-url' }, view.appUrl),
      !view.appVerified &&
        h(
          'p',
          { class: 'warning', testid: 'app-unverified' },
          'Unverified: ',
          view.unverifiedReason ?? 'the app named itself.',
        ),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Method'),
      h('dd', { class: 'mono', testid: 'request-method' }, view.method),
      view.cluster && h('dt', {}, 'Cluster'),
      view.cluster && h('dd', { testid: 'request-cluster' }, view.cluster),
      view.verificationCode && h('dt', {}, 'Session code'),
      view.verificationCode &&
        h('dd', { class: 'mono', testid: 'request-verification-code' }, view.verificationCode),
    ),
    view.method === 'connect' &&
      h('p', { class: 'hint' }, 'The app will see your public key and can ask you to sign.'),
    view.message && renderMessage(view.message),
    ...view.transactions.map((summary, index) => renderTransaction(summary, index, view.transactions.length)),
    view.sends &&
      h(
        'p',
        { class: 'hint', testid: 'send-notice' },
        'Approving sends the signed transaction to ',
        h('span', { class: 'mono' }, rpcUrl),
        '.',
      ),
    h('div', { class: 'actions' }, reject, approve),
  )
}

function renderMessage(message: NonNullable<ApprovalView['message']>): HTMLElement {
  const showText = message.display === 'utf8' && message.text !== undefined
  return h(
    'div',
    { class: 'message' },
    h('div', { class: 'label' }, showText ? 'Message' : 'Message (hex)'),
    h(
      'pre',
      { testid: 'message-text', 'data-display': showText ? 'utf8' : 'hex' },
      showText ? message.text : message.hex,
    ),
  )
}

function renderTransaction(
  summary: TransactionSummary | undefined,
  index: number,
  count: number,
): HTMLElement {
  const heading = count > 1 ? `Transaction ${index + 1} of ${count}` : 'Transaction'
  if (!summary)
    return h(
      'div',
      { class: 'transaction', testid: 'transaction', 'data-index': index },
      h('div', { class: 'label' }, heading),
      h(
        'p',
        { class: 'warning', testid: 'tx-unreadable' },
        'This transaction could not be decoded for display.',
      ),
    )
  return h(
    'div',
    { class: 'transaction', testid: 'transaction', 'data-index': index },
    h('div', { class: 'label' }, heading),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Fee payer'),
      h('dd', { class: 'mono', testid: 'tx-fee-payer' }, summary.feePayer),
      h('dt', {}, 'Instructions'),
      h('dd', { testid: 'tx-instruction-count' }, summary.instructionCount),
      h('dt', {}, 'Version'),
      h('dd', { testid: 'tx-version' }, String(summary.version)),
      ...summary.transfers.flatMap((transfer) => [
        h('dt', {}, 'Transfer'),
        h(
          'dd',
          { testid: 'tx-transfer' },
          h(
            'strong',
            { testid: 'tx-transfer-amount', 'data-lamports': transfer.lamports.toString() },
            formatLamports(transfer.lamports),
          ),
          ' to ',
          h('span', { class: 'mono', testid: 'tx-transfer-recipient' }, transfer.destination),
        ),
      ]),
      summary.otherPrograms.length > 0 && h('dt', {}, 'Other programs'),
      summary.otherPrograms.length > 0 &&
        h('dd', { class: 'mono', testid: 'tx-other-programs' }, summary.otherPrograms.join(', ')),
    ),
    summary.usesLookupTables &&
      h('p', { class: 'warning' }, 'It loads accounts from lookup tables; those are not shown.'),
  )
}

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ApprovalView } from '../request/describeRequest.js'
import { renderApproval } from './renderApproval.js'

const view: ApprovalView = {
  method: 'signAndSendTransaction',
  appName: 'dapp.example',
  appUrl: 'https://dapp.example',
  appVerified: true,
  cluster: 'devnet',
  message: undefined,
  transactions: [
    {
      version: 'legacy',
      feePayer: 'Payer1111111111111111111111111111111111111',
      instructionCount: 2,
      transfers: [{ source: 'Payer', destination: 'Recipient111', lamports: 1_500_000_000n }],
      otherPrograms: ['MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr'],
      usesLookupTables: false,
    },
    undefined,
  ],
  sends: true,
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector(`[data-testid="${id}"]`)

describe('renderApproval', () => {
  it('shows the app, the transaction summary and the send notice', () => {
    const element = renderApproval({ view, rpcUrl: 'http://127.0.0.1:8899', onApprove() {}, onReject() {} })
    expect(byTestId(element, 'app-name')?.textContent).toBe('dapp.example')
    expect(byTestId(element, 'tx-fee-payer')?.textContent).toBe('Payer1111111111111111111111111111111111111')
    expect(byTestId(element, 'tx-instruction-count')?.textContent).toBe('2')
    expect(byTestId(element, 'tx-transfer-amount')?.textContent).toBe('1.5 SOL')
    expect(byTestId(element, 'tx-transfer-recipient')?.textContent).toBe('Recipient111')
    expect(byTestId(element, 'tx-unreadable')).not.toBeNull()
    expect(byTestId(element, 'send-notice')?.textContent).toContain('http://127.0.0.1:8899')
  })

  it('renders dapp text as text, never as markup', () => {
    const hostile = '<img src=x onerror="alert(1)">'
    const element = renderApproval({
      view: {
        ...view,
        appName: hostile,
        message: { text: hostile, hex: '', display: 'utf8' },
        transactions: [],
      },
      rpcUrl: 'x',
      onApprove() {},
      onReject() {},
    })
    expect(element.querySelector('img')).toBeNull()
    expect(byTestId(element, 'message-text')?.textContent).toBe(hostile)
  })

  it('shows hex when the dapp asked for it', () => {
    const element = renderApproval({
      view: { ...view, message: { text: 'hi', hex: '6869', display: 'hex' }, transactions: [] },
      rpcUrl: 'x',
      onApprove() {},
      onReject() {},
    })
    expect(byTestId(element, 'message-text')?.textContent).toBe('6869')
  })

  it('answers once: the first click disables both buttons', () => {
    const answers: string[] = []
    const element = renderApproval({
      view,
      rpcUrl: 'x',
      onApprove: () => answers.push('approve'),
      onReject: () => answers.push('reject'),
    })
    const approve = byTestId(element, 'approve') as HTMLButtonElement
    const reject = byTestId(element, 'reject') as HTMLButtonElement
    approve.click()
    approve.click()
    reject.click()
    expect(answers).toEqual(['approve'])
    expect(reject.disabled).toBe(true)
  })

  it('warns when the app identity is an unverified claim', () => {
    const verified = renderApproval({ view, rpcUrl: 'http://x', onApprove() {}, onReject() {} })
    expect(byTestId(verified, 'app-unverified')).toBeNull()
    const claimed = renderApproval({
      view: { ...view, appVerified: false, unverifiedReason: 'The app chose this name itself.' },
      rpcUrl: 'http://x',
      onApprove() {},
      onReject() {},
    })
    expect(byTestId(claimed, 'app-unverified')?.textContent).toBe(
      'Unverified: The app chose this name itself.',
    )
  })
})

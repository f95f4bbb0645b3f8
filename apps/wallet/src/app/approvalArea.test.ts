// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ApprovalView } from '../request/describeRequest.js'
import { createApprovalArea } from './approvalArea.js'
import type { StatusTone } from './walletContext.js'

const view: ApprovalView = {
  method: 'signMessage',
  appName: 'dapp.example',
  appUrl: 'https://dapp.example',
  appVerified: true,
  cluster: 'devnet',
  message: { text: 'Hello', hex: '48656c6c6f', display: 'utf8' },
  transactions: [],
  sends: false,
}

function openArea() {
  const statuses: { text: string; tone: StatusTone | undefined }[] = []
  const area = createApprovalArea({
    rpcUrl: 'http://127.0.0.1:1',
    setStatus: (text, tone) => statuses.push({ text, tone }),
  })
  const click = (testId: string) =>
    area.element.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click()
  return { area, statuses, click }
}

describe('createApprovalArea', () => {
  it('shows the request, resolves true on Approve, empties itself and says "Approved."', async () => {
    const { area, statuses, click } = openArea()
    const answer = area.askApproval(view)
    expect(statuses.at(-1)).toEqual({ text: 'dapp.example asks: signMessage', tone: undefined })
    expect(area.element.querySelector('[data-testid="approve"]')).not.toBeNull()
    click('approve')
    expect(await answer).toBe(true)
    expect(area.element.childElementCount).toBe(0)
    expect(statuses.at(-1)).toEqual({ text: 'Approved.', tone: 'success' })
  })

  it('resolves false on Reject and says "Rejected."', async () => {
    const { area, statuses, click } = openArea()
    const answer = area.askApproval(view)
    click('reject')
    expect(await answer).toBe(false)
    expect(statuses.at(-1)).toEqual({ text: 'Rejected.', tone: 'info' })
  })

  it('a newer request or cancelApproval withdraws the shown one (false) without calling it a rejection', async () => {
    const { area, statuses, click } = openArea()
    const first = area.askApproval(view)
    const second = area.askApproval({ ...view, method: 'signTransaction' })
    expect(await first).toBe(false)
    expect(statuses.map((status) => status.text)).not.toContain('Rejected.')
    expect(area.element.querySelectorAll('[data-testid="approve"]')).toHaveLength(1)
    area.cancelApproval()
    expect(await second).toBe(false)
    expect(area.element.childElementCount).toBe(0)
    expect(statuses.map((status) => status.text)).toEqual([
      'dapp.example asks: signMessage',
      'dapp.example asks: signTransaction',
    ])
    // Nothing is left to answer: a click on nothing and a second cancel change nothing.
    click('approve')
    area.cancelApproval()
    expect(statuses).toHaveLength(2)
  })
})

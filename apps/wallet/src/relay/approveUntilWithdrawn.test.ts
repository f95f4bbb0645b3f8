import { RequestCancelledError, RequestDeadlineError, SessionClosedError } from '@dapplink/wallet/relay'
import { describe, expect, it } from 'vitest'
import { approveUntilWithdrawn } from './approveUntilWithdrawn.js'

function dialog() {
  const withdrawals: string[] = []
  let answer: (approved: boolean) => void = () => {}
  const ask = () =>
    new Promise<boolean>((resolve) => {
      answer = resolve
    })
  return { withdrawals, ask, answer: (approved: boolean) => answer(approved) }
}

describe('approveUntilWithdrawn', () => {
  it.each([
    [new RequestCancelledError('cancelled'), /app cancelled its request/],
    [new RequestDeadlineError('expired', 'expired'), /expired before it was approved/],
  ])('closes the dialog and says why when the kit withdraws the request (%s)', async (reason, why) => {
    const { withdrawals, ask, answer } = dialog()
    const controller = new AbortController()
    const approval = approveUntilWithdrawn(controller.signal, ask, (text) => {
      withdrawals.push(text)
      answer(false)
    })
    controller.abort(reason)
    await expect(approval).resolves.toBe(false)
    expect(withdrawals).toEqual([expect.stringMatching(why)])
  })

  it('leaves a session end to the panel, and stops listening once the user answered', async () => {
    const { withdrawals, ask, answer } = dialog()
    const ended = new AbortController()
    const first = approveUntilWithdrawn(ended.signal, ask, (text) => withdrawals.push(text))
    ended.abort(new SessionClosedError('terminated'))
    answer(false)
    await first
    const answered = new AbortController()
    const second = approveUntilWithdrawn(answered.signal, ask, (text) => withdrawals.push(text))
    answer(true)
    await expect(second).resolves.toBe(true)
    answered.abort(new RequestCancelledError('too late'))
    expect(withdrawals).toEqual([])
  })
})

import { RequestAbortedError, RequestTimeoutError, type SessionTimers } from '@dapplink/core/relay'
import {
  RequestCancelledError,
  RequestDeadlineError,
  type WalletRelayContext,
  type WalletRelayRequest,
} from '@dapplink/wallet/relay'
import { describe, expect, it } from 'vitest'
import { errorNames, pairSessions, until, useRelayProcess } from './sessionHarness.js'

// Issue 13 item 8 against the real relay process: a request the relay holds until after the dapp gave up is
// never shown nor executed at the wallet, and a dapp's cancel reaches a connected wallet's approval dialog.

const fixture = useRelayProcess()
const { cleanups } = fixture

/**
 * Real timers on a clock that a test can move forward (both devices at once, so they stay in agreement):
 * the minutes a relay holds a request pass without the test sleeping through them.
 */
function movableClock() {
  let offsetMs = 0
  const timers: SessionTimers = {
    now: () => Date.now() + offsetMs,
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }
  return {
    timers,
    pass(ms: number) {
      offsetMs += ms
    },
  }
}

/** What the wallet's user was asked, by the generic method name or the relay method. */
const askedAbout = (request: WalletRelayRequest) =>
  request.method === 'request' ? request.params.method : request.method

describe('request deadlines and cancels through the real relay', () => {
  it('a request queued for an away wallet past the dapp timeout never reaches its approval; the session goes on', async () => {
    const clock = movableClock()
    const asked: string[] = []
    const pair = await pairSessions(fixture.relay.url, {
      dapp: { timers: clock.timers },
      wallet: {
        timers: clock.timers,
        pauseAfterMs: 50,
        onRequest: (request) => {
          asked.push(askedAbout(request))
          return true
        },
      },
    })
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    pair.wallet.setVisibility('hidden')
    await until(() => pair.dapp.getState().status === 'paused', 5_000, 'the wallet to pause')

    // The wallet is away: the relay queues the request; the dapp gives up after its timeout.
    const held = pair.dapp.request('request', { method: 'held' }, { timeoutMs: 300 })
    await expect(held).rejects.toBeInstanceOf(RequestTimeoutError)
    // Ten minutes later the relay releases the request (and the dapp's cancel) to the returning wallet.
    clock.pass(10 * 60_000)
    pair.wallet.setVisibility('visible')
    const refusals = () => pair.walletErrors.filter((error) => error instanceof RequestDeadlineError)
    await until(() => refusals().length > 0, 5_000, 'the wallet to refuse the held request')
    expect(refusals().map((error) => (error as RequestDeadlineError).problem)).toEqual(['expired'])
    // Besides the refusal, only duplicates of frames the dapp re-sent for the returning wallet (ReplayError).
    const others = errorNames(pair.walletErrors).filter((name) => name !== 'RequestDeadlineError')
    expect(others.filter((name) => name !== 'ReplayError')).toEqual([])
    expect(asked).not.toContain('held')
    expect(pair.executions.get('held')).toBeUndefined()

    // The honest session keeps working, on the same clocks.
    await until(() => pair.dapp.getState().status === 'connected', 5_000, 'the session to resume')
    await expect(pair.dapp.request('request', { method: 'honest' })).resolves.toMatchObject({
      method: 'honest',
    })
    expect(pair.executions.get('honest')).toBe(1)
    expect(asked).toEqual(['connect', 'honest'])
  })

  it("a dapp's cancel reaches a connected wallet before its user approves; never executed", async () => {
    const approvals: { context: WalletRelayContext; answer: (approved: boolean) => void }[] = []
    const pair = await pairSessions(fixture.relay.url, {
      wallet: {
        onRequest: (request, context) => {
          if (askedAbout(request) !== 'slow') return true
          return new Promise<boolean>((answer) => approvals.push({ context, answer }))
        },
      },
    })
    cleanups.push(
      () => pair.dapp.disconnect(),
      () => pair.wallet.close(),
    )
    const controller = new AbortController()
    const slow = pair.dapp.request('request', { method: 'slow' }, { signal: controller.signal })
    const outcome = slow.catch((error: unknown) => error)
    await until(() => approvals.length === 1, 5_000, 'the approval dialog')
    const { context, answer } = approvals[0]!
    expect(context.signal.aborted).toBe(false)

    controller.abort()
    expect(await outcome).toBeInstanceOf(RequestAbortedError)
    await until(() => context.signal.aborted, 5_000, 'the cancel at the wallet')
    expect(context.signal.reason).toBeInstanceOf(RequestCancelledError)
    // The user clicks Approve on a dialog that is already withdrawn: nothing happens.
    answer(true)
    await expect(pair.dapp.request('request', { method: 'honest' })).resolves.toMatchObject({
      method: 'honest',
    })
    expect(pair.executions.get('slow')).toBeUndefined()
    expect(pair.executions.get('honest')).toBe(1)
    expect(pair.walletErrors).toEqual([])
  })
})

import {
  createRelaySession,
  type DapplinkError,
  maxRequestTimeoutMs,
  RequestTimeoutError,
  requestDeadlineSkewMs,
  SessionClosedError,
} from '@dapplink/core/relay'
import nacl from 'tweetnacl'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeSessionTimers } from '../../../core/src/test/fakeSessionTimers.js'
import { createMemoryRelay } from '../../../core/src/test/memoryRelay.js'
import { startRawRelayDapp } from '../test/rawRelayDapp.js'
import { RequestCancelledError, RequestDeadlineError } from './index.js'
import { type PairWithDappParameters, pairWithDapp, type WalletRelayContext } from './pairWithDapp.js'
import type { WalletRelayRequest } from './walletRelayRequest.js'

// Request deadlines and cancels at the wallet (docs/protocol.md section 6), with every clock and timer of
// both sides on one FakeSessionTimers: time moves only when a test advances it.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(predicate: () => boolean, what = 'a condition'): Promise<void> {
  for (let turn = 0; turn < 600; turn++) {
    if (predicate()) return
    await sleep(5)
  }
  throw new Error(`timed out waiting for ${what}`)
}
/** Lets in-flight relay I/O and WebCrypto finish, so a negative check means something. */
const settleIo = () => sleep(40)
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

type Asked = { request: WalletRelayRequest; context: WalletRelayContext; answer(approved: boolean): void }

/** A raw dapp and the kit's wallet on fake time; the wallet's user answers only when a test says so. */
async function pairRaw(wallet: Partial<PairWithDappParameters> = {}) {
  const timers = new FakeSessionTimers()
  timers.advance(1_750_000_000_000) // an epoch clock, as Date.now() gives
  const relay = createMemoryRelay()
  const dapp = startRawRelayDapp(relay.transport, timers)
  cleanups.push(() => dapp.engine.close('disconnected', { leave: false }))
  const asked: Asked[] = []
  const executed: string[] = []
  const errors: DapplinkError[] = []
  let paired = false
  const pairing = pairWithDapp({
    pairingUri: dapp.pairingUri,
    account: nacl.sign.keyPair(),
    transport: relay.transport,
    timers,
    retryIntervalMs: 100,
    handshakeTimeoutMs: 2_000,
    peerTimeoutMs: 60_000,
    onRequest: (request, context) =>
      new Promise<boolean>((resolve) => asked.push({ request, context, answer: resolve })),
    onError: (error) => errors.push(error),
    handlers: {
      signMessage: (message) => {
        executed.push(new TextDecoder().decode(message))
        return new Uint8Array(64)
      },
      request: (method) => {
        executed.push(method)
        return method
      },
    },
    ...wallet,
  }).finally(() => {
    paired = true
  })
  while (!paired) {
    timers.advance(5)
    await sleep(2)
  }
  const session = await pairing
  cleanups.push(() => session.close())

  let nextId = 1
  const send = (method: string, params: unknown, deadline?: unknown) => {
    const id = nextId++
    const request = { jsonrpc: '2.0', id, method, params, ...(deadline === undefined ? {} : { deadline }) }
    void dapp.engine.send(request as never)
    return id
  }
  /** A request with a deadline five minutes from the shared clock's now. */
  const sendInTime = (method: string, params: unknown) => send(method, params, timers.now() + 300_000)
  const cancel = (id: unknown) => void dapp.engine.send({ type: 'cancel', id } as never)

  // Connected, as every test but the first needs.
  const connectId = sendInTime('connect', { appName: 'Raw dapp', appUrl: 'https://raw.example' })
  await until(() => asked.length === 1, 'the connect approval')
  asked.shift()!.answer(true)
  await until(() => dapp.answerTo(connectId) !== undefined, 'the connect answer')
  return { timers, dapp, session, asked, executed, errors, send, sendInTime, cancel }
}

const message = (text: string) => ({ message: btoa(text) })

describe('request deadlines at the wallet', () => {
  it.each([
    ['no deadline', () => undefined, 'missing', /no deadline/],
    ['a deadline as a string', (now: number) => String(now + 60_000), 'missing', /no deadline/],
    [
      'a deadline that passed beyond the clock skew',
      (now: number) => now - requestDeadlineSkewMs - 1,
      'expired',
      /expired/,
    ],
    ['a deadline a day ahead', (now: number) => now + 86_400_000, 'tooFar', /ahead/],
    [
      'a deadline just beyond the longest timeout plus the skew',
      (now: number) => now + maxRequestTimeoutMs + requestDeadlineSkewMs + 1,
      'tooFar',
      /ahead/,
    ],
  ])('refuses a request with %s (-32000), never asking the user', async (_, deadline, problem, text) => {
    const { timers, dapp, asked, executed, errors, send } = await pairRaw()
    const id = send('signMessage', message('refused'), deadline(timers.now()))
    await until(() => dapp.answerTo(id) !== undefined, 'the refusal')
    expect(dapp.answerTo(id)).toMatchObject({ error: { code: -32000, message: expect.stringMatching(text) } })
    expect(asked).toHaveLength(0)
    expect(executed).toHaveLength(0)
    expect(errors).toEqual([expect.any(RequestDeadlineError)])
    expect((errors[0] as RequestDeadlineError).problem).toBe(problem)
  })

  it('accepts a deadline passed by less than the clock skew (a phone clock a little ahead)', async () => {
    const { timers, dapp, asked, executed, send } = await pairRaw()
    const id = send('signMessage', message('skewed'), timers.now() - requestDeadlineSkewMs + 1_000)
    await until(() => asked.length === 1, 'the approval')
    asked[0]!.answer(true)
    await until(() => dapp.answerTo(id) !== undefined, 'the answer')
    expect(dapp.answerTo(id)).toHaveProperty('result')
    expect(executed).toEqual(['skewed'])
  })

  it('withdraws the approval when the deadline passes during it, refuses, and never executes', async () => {
    const { timers, dapp, asked, executed, errors, send } = await pairRaw()
    const id = send('signMessage', message('slow user'), timers.now() + 10_000)
    await until(() => asked.length === 1, 'the approval')
    const { context } = asked[0]!
    expect(context.deadline).toBe(timers.now() + 10_000)
    timers.advance(10_000 + requestDeadlineSkewMs - 1)
    expect(context.signal.aborted).toBe(false)
    timers.advance(1)
    expect(context.signal.aborted).toBe(true)
    expect(context.signal.reason).toBeInstanceOf(RequestDeadlineError)
    asked[0]!.answer(true) // too late: the user clicked after the dialog was withdrawn
    await until(() => dapp.answerTo(id) !== undefined, 'the refusal')
    expect(dapp.answerTo(id)).toMatchObject({
      error: { code: -32000, message: expect.stringMatching(/expired/) },
    })
    expect(executed).toHaveLength(0)
    expect(errors).toEqual([expect.any(RequestDeadlineError)])
  })
})

describe('cancel at the wallet', () => {
  it('during approval: aborts the signal with RequestCancelledError; never executes nor answers', async () => {
    const { dapp, asked, executed, cancel, sendInTime } = await pairRaw()
    const id = sendInTime('signMessage', message('cancelled'))
    await until(() => asked.length === 1, 'the approval')
    cancel(id)
    await until(() => asked[0]!.context.signal.aborted, 'the withdrawal')
    expect(asked[0]!.context.signal.reason).toBeInstanceOf(RequestCancelledError)
    asked[0]!.answer(true)
    await settleIo()
    expect(executed).toHaveLength(0)
    expect(dapp.answerTo(id)).toBeUndefined()
    // The session goes on.
    const next = sendInTime('request', { method: 'after' })
    await until(() => asked.length === 2, 'the next approval')
    asked[1]!.answer(true)
    await until(() => dapp.answerTo(next) !== undefined, 'the next answer')
    expect(executed).toEqual(['after'])
  })

  it('before approval: drops a queued request, which the user never sees', async () => {
    const { dapp, asked, executed, cancel, sendInTime } = await pairRaw()
    const first = sendInTime('signMessage', message('first'))
    const second = sendInTime('signMessage', message('second'))
    const third = sendInTime('signMessage', message('third'))
    await until(() => asked.length === 1, 'the first approval')
    cancel(second)
    await settleIo()
    asked.shift()!.answer(true)
    await until(() => asked.length === 1, 'the next approval')
    expect(asked[0]!.request).toMatchObject({ params: { text: 'third' } })
    asked.shift()!.answer(true)
    await until(() => dapp.answerTo(third) !== undefined, 'the third answer')
    expect(dapp.answerTo(first)).toHaveProperty('result')
    expect(dapp.answerTo(second)).toBeUndefined()
    expect(executed).toEqual(['first', 'third'])
  })

  it('ignores cancels of unknown, answered or repeated ids without harm', async () => {
    const { dapp, asked, executed, errors, cancel, sendInTime } = await pairRaw()
    const done = sendInTime('request', { method: 'done' })
    await until(() => asked.length === 1, 'the approval')
    asked.shift()!.answer(true)
    await until(() => dapp.answerTo(done) !== undefined, 'the answer')
    for (const id of [done, done, 999, 'unknown', -1]) cancel(id)
    const id = sendInTime('signMessage', message('still works'))
    await until(() => asked.length === 1, 'the next approval')
    cancel(id)
    cancel(id)
    await until(() => asked[0]!.context.signal.aborted, 'the withdrawal')
    const last = sendInTime('request', { method: 'last' })
    await until(() => asked.length === 2, 'the last approval')
    asked[1]!.answer(true)
    await until(() => dapp.answerTo(last) !== undefined, 'the last answer')
    expect(executed).toEqual(['done', 'last'])
    expect(errors).toHaveLength(0)
  })

  it('withdraws the approval when the session ends under it (SessionClosedError)', async () => {
    const { session, asked, executed, sendInTime } = await pairRaw()
    sendInTime('signMessage', message('orphan'))
    await until(() => asked.length === 1, 'the approval')
    await session.close()
    expect(asked[0]!.context.signal.reason).toBeInstanceOf(SessionClosedError)
    asked[0]!.answer(true)
    await settleIo()
    expect(executed).toHaveLength(0)
  })
})

describe('an honest dapp that gives up', () => {
  it('its own timeout reaches the wallet as a cancel that closes the approval', async () => {
    const timers = new FakeSessionTimers()
    timers.advance(1_750_000_000_000)
    const relay = createMemoryRelay()
    const fast = { retryIntervalMs: 100, handshakeTimeoutMs: 2_000, peerTimeoutMs: 60_000, timers }
    const dapp = createRelaySession({
      relayUrl: 'ws://127.0.0.1:1',
      app: { name: 'Honest dapp', url: 'https://dapp.example' },
      transport: relay.transport,
      ...fast,
    })
    cleanups.push(() => dapp.disconnect())
    const asked: WalletRelayContext[] = []
    const executed: string[] = []
    let paired = false
    const pairing = pairWithDapp({
      pairingUri: dapp.pairingUri,
      account: nacl.sign.keyPair(),
      transport: relay.transport,
      ...fast,
      onRequest: (request, context) => {
        if (request.method === 'connect') return true
        asked.push(context)
        return new Promise<boolean>(() => {}) // the user never decides
      },
      handlers: { request: (method) => executed.push(method) },
    }).finally(() => {
      paired = true
    })
    while (!paired) {
      timers.advance(5)
      await sleep(2)
    }
    cleanups.push(async () => (await pairing).close())
    await dapp.connect()
    const pending = dapp.request('request', { method: 'never' }, { timeoutMs: 60_000 })
    const outcome = pending.catch((error: unknown) => error)
    await until(() => asked.length === 1, 'the approval')
    timers.advance(60_000)
    expect(await outcome).toBeInstanceOf(RequestTimeoutError)
    await until(() => asked[0]!.signal.aborted, 'the cancel at the wallet')
    expect(asked[0]!.signal.reason).toBeInstanceOf(RequestCancelledError)
    expect(executed).toHaveLength(0)
  })
})

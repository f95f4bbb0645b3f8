import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/deeplink.js'
import { RequestAbortedError, RequestTimeoutError } from '../errors/relay.js'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { FakeSessionTimers } from '../test/fakeSessionTimers.js'
import { createRelaySession } from './createRelaySession.js'
import { assertRequestTimeout, createRelayRequests } from './relayRequests.js'
import { maxRequestTimeoutMs } from './requestDeadline.js'
import type { ControlMessage, JsonRpcRequest } from './rpc.js'

function table(requestTimeoutMs = 300_000) {
  const timers = new FakeSessionTimers()
  timers.advance(1_750_000_000_000) // an epoch-like clock, as Date.now() gives
  const sent: (JsonRpcRequest | ControlMessage)[] = []
  const requests = createRelayRequests({
    send: async (message) => {
      sent.push(message)
      return sent.length
    },
    timers,
    requestTimeoutMs,
  })
  return { timers, sent, requests }
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createRelayRequests', () => {
  it('seals each request with its deadline: the dapp clock now plus its timeout', async () => {
    const { timers, sent, requests } = table()
    const first = requests.request('signMessage', { message: 'aGk=' })
    const second = requests.request('request', { method: 'x' }, { timeoutMs: 5_000 })
    await flush()
    expect(sent).toEqual([
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'signMessage',
        params: { message: 'aGk=' },
        deadline: timers.now() + 300_000,
      },
      { jsonrpc: '2.0', id: 2, method: 'request', params: { method: 'x' }, deadline: timers.now() + 5_000 },
    ])
    requests.onResponse({ jsonrpc: '2.0', id: 1, result: { signature: 's' } })
    requests.onResponse({ jsonrpc: '2.0', id: 2, error: { code: 4001, message: 'no' } })
    await expect(first).resolves.toEqual({ signature: 's' })
    await expect(second).rejects.toBeInstanceOf(UserRejectedRequestError)
  })

  it('on its own timeout, rejects with RequestTimeoutError and seals a cancel; a late answer is dropped', async () => {
    const { timers, sent, requests } = table(1_000)
    const pending = requests.request('signMessage', {})
    const outcome = pending.catch((error: unknown) => error)
    await flush()
    timers.advance(999)
    expect(sent).toHaveLength(1)
    timers.advance(1)
    expect(await outcome).toBeInstanceOf(RequestTimeoutError)
    expect(sent[1]).toEqual({ type: 'cancel', id: 1 })
    requests.onResponse({ jsonrpc: '2.0', id: 1, result: 'late' })
    expect(sent).toHaveLength(2)
  })

  it('on abort, rejects with RequestAbortedError and seals a cancel; an aborted signal sends nothing', async () => {
    const { sent, requests } = table()
    const controller = new AbortController()
    const pending = requests.request('signTransaction', {}, { signal: controller.signal })
    await flush()
    controller.abort()
    await expect(pending).rejects.toBeInstanceOf(RequestAbortedError)
    expect(sent.map((message) => ('type' in message ? message : message.id))).toEqual([
      1,
      { type: 'cancel', id: 1 },
    ])
    await expect(requests.request('signMessage', {}, { signal: controller.signal })).rejects.toBeInstanceOf(
      RequestAbortedError,
    )
    expect(sent).toHaveLength(2)
  })

  it('rejectAll (the session ended) sends no cancel', async () => {
    const { sent, requests } = table()
    const pending = requests.request('signMessage', {})
    await flush()
    requests.rejectAll(new Error('closed'))
    await expect(pending).rejects.toThrow('closed')
    expect(sent).toHaveLength(1)
  })

  it.each([0, -1, Number.NaN, maxRequestTimeoutMs + 1])(
    'refuses a timeout of %s ms with InvalidArgumentError, before sealing anything',
    async (timeoutMs) => {
      const { sent, requests } = table()
      await expect(requests.request('signMessage', {}, { timeoutMs })).rejects.toBeInstanceOf(
        InvalidArgumentError,
      )
      expect(sent).toHaveLength(0)
    },
  )

  it('a session refuses a default timeout beyond the longest a wallet accepts, naming the option', () => {
    expect(() => assertRequestTimeout(maxRequestTimeoutMs)).not.toThrow()
    expect(() =>
      createRelaySession({
        relayUrl: 'ws://127.0.0.1:1',
        app: { name: 'x', url: 'https://x.example' },
        requestTimeoutMs: maxRequestTimeoutMs + 1,
      }),
    ).toThrow(/requestTimeoutMs is 600001; it must be more than 0 and at most 600000 ms/)
  })
})

import { describe, expect, it } from 'vitest'
import { UserRejectedRequestError } from '../errors/walletRpc.js'
import { readWalletPayload } from './walletPayload.js'

const stream = 'metamask-multichain-provider'

describe('readWalletPayload', () => {
  it('reads an answer, a typed error (also nested in result) and a notification', () => {
    expect(readWalletPayload({ name: stream, data: { id: 3, jsonrpc: '2.0', result: { ok: 1 } } })).toEqual({
      kind: 'answer',
      id: 3,
      outcome: { result: { ok: 1 } },
    })
    for (const data of [
      { id: 4, error: { code: 4001, message: 'no' } },
      { id: 4, result: { error: { code: 4001, message: 'no' } } },
    ]) {
      const read = readWalletPayload({ name: stream, data })
      expect(read.kind === 'answer' && 'error' in read.outcome && read.outcome.error).toBeInstanceOf(
        UserRejectedRequestError,
      )
    }
    expect(readWalletPayload({ name: stream, data: { method: 'wallet_notify', params: [1] } })).toEqual({
      kind: 'notification',
      stream,
      method: 'wallet_notify',
      params: [1],
    })
  })

  it.each([
    null,
    'text',
    { name: 1, data: {} },
    { name: stream, data: null },
    { name: stream, data: { id: 1 } },
  ])('ignores %j', (payload) => {
    expect(readWalletPayload(payload)).toEqual({ kind: 'ignored' })
  })
})

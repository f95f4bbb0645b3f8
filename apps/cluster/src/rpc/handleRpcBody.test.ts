import { describe, expect, it, vi } from 'vitest'
import { invalidParams } from '../errors/JsonRpcError.js'
import { Ledger } from '../ledger/Ledger.js'
import { handleRpcBody, maxBatchLength } from './handleRpcBody.js'
import type { RpcMethod } from './rpcMethods.js'

const context = { ledger: new Ledger(), maxAirdropLamports: 1n }

function answer(
  body: string,
  methods: Record<string, RpcMethod>,
  onInternalError?: (error: unknown) => void,
) {
  const text = handleRpcBody(body, { methods, context, onInternalError })
  return text === null ? null : JSON.parse(text)
}

describe('handleRpcBody', () => {
  it('passes positional params and the context to the method', () => {
    const echo = vi.fn((params: unknown[]) => params)
    expect(answer('{"jsonrpc":"2.0","id":3,"method":"echo","params":[1,"a"]}', { echo })).toEqual({
      jsonrpc: '2.0',
      id: 3,
      result: [1, 'a'],
    })
    expect(echo).toHaveBeenCalledWith([1, 'a'], context)
  })

  it('rejects object params with -32602', () => {
    const echo = (params: unknown[]) => params
    expect(answer('{"jsonrpc":"2.0","id":1,"method":"echo","params":{"a":1}}', { echo }).error.code).toBe(
      -32602,
    )
  })

  it('turns a thrown JsonRpcError into its error object', () => {
    const bad: RpcMethod = () => {
      throw invalidParams('nope')
    }
    expect(answer('{"jsonrpc":"2.0","id":1,"method":"bad"}', { bad }).error).toEqual({
      code: -32602,
      message: 'Invalid params: nope',
    })
  })

  it('hides unexpected errors behind -32603 and reports them', () => {
    const onInternalError = vi.fn()
    const broken: RpcMethod = () => {
      throw new TypeError('secret internals')
    }
    const response = answer('{"jsonrpc":"2.0","id":1,"method":"broken"}', { broken }, onInternalError)
    expect(response.error).toEqual({ code: -32603, message: 'Internal error' })
    expect(JSON.stringify(response)).not.toContain('secret')
    expect(onInternalError).toHaveBeenCalledWith(expect.any(TypeError))
  })

  it('does not treat Object.prototype members as methods', () => {
    expect(answer('{"jsonrpc":"2.0","id":1,"method":"toString"}', {}).error.code).toBe(-32601)
    expect(answer('{"jsonrpc":"2.0","id":1,"method":"__proto__"}', {}).error.code).toBe(-32601)
  })

  it('limits batches', () => {
    const batch = Array.from({ length: maxBatchLength + 1 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'x' }))
    expect(answer(JSON.stringify(batch), {}).error.code).toBe(-32600)
  })

  it('returns null when a batch holds only notifications', () => {
    const ping = () => 'pong'
    expect(
      answer('[{"jsonrpc":"2.0","method":"ping"},{"jsonrpc":"2.0","method":"ping"}]', { ping }),
    ).toBeNull()
  })
})
